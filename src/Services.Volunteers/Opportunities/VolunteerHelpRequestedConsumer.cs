using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Volunteers.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>A resident request's need for helpers (from Grid) becomes an opportunity with one shift at the resident's building.</summary>
public sealed class VolunteerHelpRequestedConsumer(VolunteersDbContext db, TimeProvider time, ILogger<VolunteerHelpRequestedConsumer> logger)
    : IdempotentConsumer<VolunteerHelpRequested, VolunteersDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteerHelpRequested message, ConsumeContext<VolunteerHelpRequested> context)
    {
        if (!NeedIntake.IsMeetable(message.Needed, message.StartsAt, message.EndsAt))
        {
            throw new InvalidMessageException("VolunteerHelpRequested needs at least one helper and a time range.");
        }

        if (await Db.IsKnownAsync(message.HelpRequestId, context.CancellationToken))
        {
            return;
        }

        var skill = message.Skill is { } code && await Db.Skills.AnyAsync(s => s.Code == code && s.RetiredAt == null, context.CancellationToken) ? code : null;
        var opportunity = Opportunity.Open("grid", message.HelpRequestId, $"居民求助（{message.Category}）", skill, Time.GetUtcNow());
        Db.OpenWithOneShift(opportunity, message.StartsAt, message.EndsAt, "resident's building", message.BuildingId, message.Needed);
    }
}
