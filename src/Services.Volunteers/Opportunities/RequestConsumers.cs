using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Messaging.Persistence;
using Community.Services.Volunteers.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>A session's need for volunteers becomes an opportunity with one shift at the session's time.</summary>
public sealed class VolunteersRequestedConsumer(VolunteersDbContext db, TimeProvider time, ILogger<VolunteersRequestedConsumer> logger)
    : IdempotentConsumer<VolunteersRequested, VolunteersDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteersRequested message, ConsumeContext<VolunteersRequested> context)
    {
        if (message.Needed < 1 || message.EndsAt <= message.StartsAt)
        {
            throw new InvalidMessageException("VolunteersRequested needs at least one volunteer and a time range.");
        }

        if (await Db.Opportunities.AnyAsync(o => o.RequestId == message.RequestId, context.CancellationToken))
        {
            return;
        }

        var opportunity = new Opportunity
        {
            Id = Guid.CreateVersion7(),
            Source = message.SourceService,
            RequestId = message.RequestId,
            SessionId = message.SessionId,
            Title = message.Role,
            Skill = message.Skill,
            CreatedAt = Time.GetUtcNow(),
        };
        Db.Opportunities.Add(opportunity);
        Db.Shifts.Add(new Shift
        {
            Id = Guid.CreateVersion7(),
            OpportunityId = opportunity.Id,
            StartsAt = message.StartsAt,
            EndsAt = message.EndsAt,
            Place = $"venue {message.VenueId}",
            MinVolunteers = message.Needed,
            MaxVolunteers = message.Needed,
        });
    }
}

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
            var shifts = await Db.Shifts.Where(s => s.OpportunityId == opportunity.Id && s.Status == "open").ToListAsync(context.CancellationToken);
            foreach (var shift in shifts)
            {
                var active = await Db.Assignments.Where(a => a.ShiftId == shift.Id && a.WithdrawnAt == null).ToListAsync(context.CancellationToken);
                foreach (var assignment in active)
                {
                    assignment.WithdrawnAt = now;
                }

                shift.Status = "cancelled";
                shift.Assigned = 0;
                Db.AddEvent(new ShiftCancelled(shift.Id, opportunity.RequestId, active.Select(a => a.VolunteerId).ToList(),
                    "session cancelled: " + message.Reason, now), now);
            }
        }
    }
}
