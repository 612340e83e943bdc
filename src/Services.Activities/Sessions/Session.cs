using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Activities.Sessions;

/// <summary>
/// One occurrence (场次) of an activity, with its own capacity and registrations. <see cref="PlacesTaken"/>
/// counts confirmed registrations and open waitlist offers; the database keeps it within capacity.
/// </summary>
public sealed class Session
{
    private Session()
    {
    }

    public Guid Id { get; private set; }

    public Guid SeriesId { get; private set; }

    public Guid VenueId { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public int Capacity { get; private set; }

    public int PlacesTaken { get; private set; }

    public string Status { get; private set; } = SessionStatus.Scheduled;

    public string? CancelReason { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>How many times the session was changed after it was scheduled (moved, cancelled): its iCalendar SEQUENCE.</summary>
    public int Sequence { get; private set; }

    public static Session Schedule(Guid seriesId, Guid venueId, DateTimeOffset startsAt, TimeSpan duration, int capacity) => new()
    {
        Id = Guid.CreateVersion7(),
        SeriesId = seriesId,
        VenueId = venueId,
        StartsAt = startsAt,
        EndsAt = startsAt + duration,
        Capacity = capacity,
    };

    public bool IsOpenForRegistration(DateTimeOffset now) => Status == SessionStatus.Scheduled && now < StartsAt;

    /// <summary>Doors open two hours before the start; check-in closes when the session is completed.</summary>
    public bool IsOpenForCheckIn(DateTimeOffset now) => Status == SessionStatus.Scheduled && now >= StartsAt - TimeSpan.FromHours(2);

    public void Complete(DateTimeOffset now)
    {
        Status = SessionStatus.Completed;
        CompletedAt = now;
    }

    public void MoveTo(DateTimeOffset startsAt, TimeSpan duration)
    {
        StartsAt = startsAt;
        EndsAt = startsAt + duration;
        Sequence++;
    }

    public void Cancel(string reason)
    {
        Status = SessionStatus.Cancelled;
        CancelReason = reason;
        Sequence++;
    }
}

public static class SessionStatus
{
    public const string Scheduled = "scheduled";
    public const string Cancelled = "cancelled";
    public const string Completed = "completed";
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> session)
    {
        session.ToTable("sessions", t =>
        {
            // The last word on overbooking: no transaction, however it races, can take more places than exist.
            t.HasCheckConstraint("ck_sessions_places", "places_taken >= 0 AND places_taken <= capacity");
            t.HasCheckConstraint("ck_sessions_capacity", "capacity > 0");
            t.HasCheckConstraint("ck_sessions_times", "ends_at > starts_at");
        });
        session.HasKey(s => s.Id);
        session.Property(s => s.Status).HasMaxLength(20);
        session.Property(s => s.CancelReason).HasMaxLength(500);
        session.HasOne<Series.ActivitySeries>().WithMany().HasForeignKey(s => s.SeriesId).OnDelete(DeleteBehavior.Cascade);
        session.HasOne<Venues.Venue>().WithMany().HasForeignKey(s => s.VenueId).OnDelete(DeleteBehavior.Restrict);
        session.HasIndex(s => s.StartsAt);
        session.HasIndex(s => new { s.SeriesId, s.StartsAt });
        // Two sessions never overlap in one venue: an exclusion constraint (added in the migration) over
        // (venue_id, [starts_at, ends_at)) for sessions not cancelled.
    }
}
