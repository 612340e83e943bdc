using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Messaging.Persistence;
using Community.Services.Volunteers.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>
/// When a session moves, its shifts move with it — the latest move, whatever order moves arrive in. A volunteer who has another shift at the new time is taken off
/// (VolunteerWithdrawn, so Activities sees the gap) rather than double-booked.
/// </summary>
public sealed partial class SessionMovedConsumer(VolunteersDbContext db, TimeProvider time, ILogger<SessionMovedConsumer> logger)
    : IdempotentConsumer<SessionMoved, VolunteersDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(SessionMoved message, ConsumeContext<SessionMoved> context)
    {
        if (message.EndsAt <= message.StartsAt)
        {
            throw new InvalidMessageException("SessionMoved needs a time range.");
        }

        // Moves apply in the order Activities made them, not the order they arrive: an older one changes nothing.
        var schedule = await Db.LockScheduleAsync(message.SessionId, context.CancellationToken);
        if (!schedule.Move(message.StartsAt, message.EndsAt, message.MovedAt))
        {
            LogIgnored(message.SessionId, message.MovedAt);
            return;
        }

        var now = Time.GetUtcNow();
        foreach (var (requestId, shift, active) in await Db.OpenShiftsOfSessionAsync(message.SessionId, context.CancellationToken))
        {
            shift.StartsAt = message.StartsAt;
            shift.EndsAt = message.EndsAt;
            shift.AlertsSent = 0;
            var volunteerIds = active.Select(a => a.VolunteerId).ToList();
            var busy = await Db.Assignments
                .Where(a => volunteerIds.Contains(a.VolunteerId) && a.ShiftId != shift.Id && a.WithdrawnAt == null &&
                            a.StartsAt < message.EndsAt && a.EndsAt > message.StartsAt)
                .Select(a => a.VolunteerId).Distinct().ToListAsync(context.CancellationToken);
            foreach (var assignment in active)
            {
                assignment.StartsAt = message.StartsAt;
                assignment.EndsAt = message.EndsAt;
                if (busy.Contains(assignment.VolunteerId))
                {
                    assignment.WithdrawnAt = now;
                    shift.Assigned--;
                    Db.AddEvent(new VolunteerWithdrawn(assignment.Id, assignment.VolunteerId, requestId, now), now);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: a move made at {MovedAt} arrived after a later move or the cancellation; nothing changed")]
    private partial void LogIgnored(Guid sessionId, DateTimeOffset movedAt);
}
