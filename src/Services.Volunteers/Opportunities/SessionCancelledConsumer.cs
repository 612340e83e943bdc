using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Messaging.Persistence;
using Community.Services.Volunteers.Data;
using MassTransit;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>When a session is cancelled, its shifts are too: assignments end and the volunteers are told (ShiftCancelled).</summary>
public sealed class SessionCancelledConsumer(VolunteersDbContext db, TimeProvider time, ILogger<SessionCancelledConsumer> logger)
    : IdempotentConsumer<SessionCancelled, VolunteersDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(SessionCancelled message, ConsumeContext<SessionCancelled> context)
    {
        // Kept, so a request for volunteers arriving after it makes its shift cancelled at once.
        (await Db.LockScheduleAsync(message.SessionId, context.CancellationToken)).Cancel(message.CancelledAt);
        var now = Time.GetUtcNow();
        foreach (var (requestId, shift, active) in await Db.OpenShiftsOfSessionAsync(message.SessionId, context.CancellationToken))
        {
            foreach (var assignment in active)
            {
                assignment.WithdrawnAt = now;
            }

            shift.Status = ShiftStatuses.Cancelled;
            shift.Assigned = 0;
            Db.AddEvent(new ShiftCancelled(shift.Id, requestId, active.Select(a => a.VolunteerId).ToList(),
                null, now, CancellationReasons.SessionCancelled), now);
        }
    }
}
