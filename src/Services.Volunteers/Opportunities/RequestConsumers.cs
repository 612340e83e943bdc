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

        var opportunity = Opportunity.Open(message.SourceService, message.RequestId, message.Role, message.Skill, Time.GetUtcNow(), message.SessionId);
        Db.Opportunities.Add(opportunity);
        Db.Shifts.Add(opportunity.NewShift(message.StartsAt, message.EndsAt, $"venue {message.VenueId}", null, message.Needed, message.Needed));
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

/// <summary>
/// When a session moves, its shifts move with it. A volunteer who has another shift at the new time is taken off
/// (VolunteerWithdrawn, so Activities sees the gap) rather than double-booked.
/// </summary>
public sealed class SessionMovedConsumer(VolunteersDbContext db, TimeProvider time, ILogger<SessionMovedConsumer> logger)
    : IdempotentConsumer<SessionMoved, VolunteersDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(SessionMoved message, ConsumeContext<SessionMoved> context)
    {
        if (message.EndsAt <= message.StartsAt)
        {
            throw new InvalidMessageException("SessionMoved needs a time range.");
        }

        var now = Time.GetUtcNow();
        var opportunities = await Db.Opportunities.Where(o => o.SessionId == message.SessionId).ToListAsync(context.CancellationToken);
        foreach (var opportunity in opportunities)
        {
            var shifts = await Db.Shifts.Where(s => s.OpportunityId == opportunity.Id && s.Status == ShiftStatuses.Open).ToListAsync(context.CancellationToken);
            foreach (var shift in shifts)
            {
                shift.StartsAt = message.StartsAt;
                shift.EndsAt = message.EndsAt;
                shift.AlertsSent = 0;
                var active = await Db.Assignments.Where(a => a.ShiftId == shift.Id && a.WithdrawnAt == null).ToListAsync(context.CancellationToken);
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
                        Db.AddEvent(new VolunteerWithdrawn(assignment.Id, assignment.VolunteerId, opportunity.RequestId, now), now);
                    }
                }
            }
        }
    }
}

/// <summary>A resident request's need for helpers (from Grid) becomes an opportunity with one shift at the resident's building.</summary>
public sealed class VolunteerHelpRequestedConsumer(VolunteersDbContext db, TimeProvider time, ILogger<VolunteerHelpRequestedConsumer> logger)
    : IdempotentConsumer<VolunteerHelpRequested, VolunteersDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteerHelpRequested message, ConsumeContext<VolunteerHelpRequested> context)
    {
        if (message.Needed < 1 || message.EndsAt <= message.StartsAt)
        {
            throw new InvalidMessageException("VolunteerHelpRequested needs at least one helper and a time range.");
        }

        if (await Db.Opportunities.AnyAsync(o => o.RequestId == message.HelpRequestId, context.CancellationToken))
        {
            return;
        }

        var skill = message.Skill is { } code && await Db.Skills.AnyAsync(s => s.Code == code && s.RetiredAt == null, context.CancellationToken) ? code : null;
        var opportunity = Opportunity.Open("grid", message.HelpRequestId, $"居民求助（{message.Category}）", skill, Time.GetUtcNow());
        Db.Opportunities.Add(opportunity);
        Db.Shifts.Add(opportunity.NewShift(message.StartsAt, message.EndsAt, "resident's building", message.BuildingId, message.Needed, message.Needed));
    }
}
