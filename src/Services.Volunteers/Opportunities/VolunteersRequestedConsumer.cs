using Community.Contracts;
using Community.Messaging.Inbox;
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
