using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Messaging.Persistence;
using Community.Services.Volunteers.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>When a session is cancelled, its shifts are too: assignments end and the volunteers are told (ShiftCancelled).</summary>
public sealed class SessionCancelledConsumer(VolunteersDbContext db, TimeProvider time, ILogger<SessionCancelledConsumer> logger)
    : IdempotentConsumer<SessionCancelled, VolunteersDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(SessionCancelled message, ConsumeContext<SessionCancelled> context)
    {
        var now = Time.GetUtcNow();
        var opportunities = await Db.Opportunities.Where(o => o.SessionId == message.SessionId).ToListAsync(context.CancellationToken);
        foreach (var opportunity in opportunities)
        {
            var shifts = await Db.Shifts.Where(s => s.OpportunityId == opportunity.Id && s.Status == ShiftStatuses.Open).ToListAsync(context.CancellationToken);
            foreach (var shift in shifts)
            {
                var active = await Db.Assignments.Where(a => a.ShiftId == shift.Id && a.WithdrawnAt == null).ToListAsync(context.CancellationToken);
                foreach (var assignment in active)
                {
                    assignment.WithdrawnAt = now;
                }

                shift.Status = ShiftStatuses.Cancelled;
                shift.Assigned = 0;
                Db.AddEvent(new ShiftCancelled(shift.Id, opportunity.RequestId, active.Select(a => a.VolunteerId).ToList(),
                    "session cancelled: " + message.Reason, now), now);
            }
        }
    }
}
