using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Grid.Data;
using MassTransit;

namespace Community.Services.Grid.Volunteers;

/// <summary>Adds a newly registered volunteer to Grid's read model, once per message.</summary>
public sealed class VolunteerRegisteredConsumer(GridDbContext db, TimeProvider time, ILogger<VolunteerRegisteredConsumer> logger)
    : IdempotentConsumer<VolunteerRegistered, GridDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteerRegistered message, ConsumeContext<VolunteerRegistered> context)
    {
        if (message.VolunteerId == Guid.Empty || string.IsNullOrWhiteSpace(message.DisplayName))
        {
            throw new InvalidMessageException("VolunteerRegistered needs a volunteer id and a display name.");
        }

        var volunteer = await KnownVolunteerCopies.ApplyAsync(Db, message.VolunteerId, message.DisplayName, message.Kind, message.Skills,
            message.HomeBuildingId, message.RegisteredAt, Time.GetUtcNow(), context.CancellationToken);
        volunteer.RegisteredAt = message.RegisteredAt;
    }
}

/// <summary>Follows a volunteer's profile change (skills, home building) in Grid's read model.</summary>
public sealed class VolunteerProfileChangedConsumer(GridDbContext db, TimeProvider time, ILogger<VolunteerProfileChangedConsumer> logger)
    : IdempotentConsumer<VolunteerProfileChanged, GridDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteerProfileChanged message, ConsumeContext<VolunteerProfileChanged> context)
    {
        if (message.VolunteerId == Guid.Empty || string.IsNullOrWhiteSpace(message.DisplayName))
        {
            throw new InvalidMessageException("VolunteerProfileChanged needs a volunteer id and a display name.");
        }

        await KnownVolunteerCopies.ApplyAsync(Db, message.VolunteerId, message.DisplayName, message.Kind, message.Skills, message.HomeBuildingId,
            message.ChangedAt, Time.GetUtcNow(), context.CancellationToken);
    }
}
