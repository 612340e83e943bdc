using Community.Services.Volunteers.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>
/// What the registry last heard of a session's time from Activities, whatever order the events came in: the latest
/// move (by when Activities moved it) and whether it was cancelled. A move older than one already applied changes
/// nothing; a move or cancellation that comes before the session's request for volunteers is kept here, and the
/// request's shift is made at the session's time as it now is (or cancelled at once) instead of the event being lost.
/// </summary>
public sealed class SessionSchedule
{
    public Guid SessionId { get; private set; }

    public DateTimeOffset? StartsAt { get; private set; }

    public DateTimeOffset? EndsAt { get; private set; }

    /// <summary>When Activities made the latest move applied (null: never moved, as far as the registry heard).</summary>
    public DateTimeOffset? MovedAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    /// <summary>Applies a move unless a later one was applied or the session is cancelled; false when it changes nothing.</summary>
    public bool Move(DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset movedAt)
    {
        if (CancelledAt is not null || MovedAt >= movedAt)
        {
            return false;
        }

        (StartsAt, EndsAt, MovedAt) = (startsAt, endsAt, movedAt);
        return true;
    }

    /// <summary>A cancellation is final, whenever it arrives.</summary>
    public void Cancel(DateTimeOffset cancelledAt) => CancelledAt ??= cancelledAt;

    /// <summary>
    /// The time a shift made now for a request should have: the latest move heard, if it was made after the request
    /// (a request published without its time — from before this field existed — takes any move heard).
    /// </summary>
    public (DateTimeOffset StartsAt, DateTimeOffset EndsAt) TimeFor(DateTimeOffset requestStartsAt, DateTimeOffset requestEndsAt, DateTimeOffset? requestedAt) =>
        MovedAt is { } moved && StartsAt is { } starts && EndsAt is { } ends && (requestedAt is null || moved > requestedAt)
            ? (starts, ends)
            : (requestStartsAt, requestEndsAt);
}

public static class SessionSchedules
{
    /// <summary>
    /// The session's schedule row, created if new, locked for the caller's transaction: two events about one session
    /// are applied one after the other, so neither undoes the other.
    /// </summary>
    public static async Task<SessionSchedule> LockScheduleAsync(this VolunteersDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        // One round trip: the insert of a new row, or the no-op update of the existing one, locks it either way.
        var rows = await db.SessionSchedules.FromSql($"""
            INSERT INTO session_schedules (session_id) VALUES ({sessionId})
            ON CONFLICT (session_id) DO UPDATE SET session_id = excluded.session_id
            RETURNING *
            """).ToListAsync(cancellationToken);
        return rows[0];
    }
}

internal sealed class SessionScheduleConfiguration : IEntityTypeConfiguration<SessionSchedule>
{
    public void Configure(EntityTypeBuilder<SessionSchedule> schedule)
    {
        schedule.ToTable("session_schedules");
        schedule.HasKey(s => s.SessionId);
        schedule.Property(s => s.SessionId).ValueGeneratedNever();
    }
}
