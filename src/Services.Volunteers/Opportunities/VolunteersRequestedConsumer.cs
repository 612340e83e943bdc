using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Volunteers.Data;
using MassTransit;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>A session's need for volunteers becomes an opportunity with one shift at the session's time.</summary>
public sealed class VolunteersRequestedConsumer(VolunteersDbContext db, TimeProvider time, ILogger<VolunteersRequestedConsumer> logger)
    : IdempotentConsumer<VolunteersRequested, VolunteersDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteersRequested message, ConsumeContext<VolunteersRequested> context)
    {
        if (!NeedIntake.IsMeetable(message.Needed, message.StartsAt, message.EndsAt))
        {
            throw new InvalidMessageException("VolunteersRequested needs at least one volunteer and a time range.");
        }

        if (await Db.IsKnownAsync(message.RequestId, context.CancellationToken))
        {
            return;
        }

        var opportunity = Opportunity.Open(message.SourceService, message.RequestId, message.Role, message.Skill, Time.GetUtcNow(), message.SessionId);
        Db.OpenWithOneShift(opportunity, message.StartsAt, message.EndsAt, $"venue {message.VenueId}", null, message.Needed);
    }
}
