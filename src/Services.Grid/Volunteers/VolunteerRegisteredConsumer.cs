using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Grid.Data;
using MassTransit;

namespace Community.Services.Grid.Volunteers;

/// <summary>
/// Adds newly registered volunteers to Grid's read model, once per message. Volunteers register in waves (a drive at
/// the service station, a school's class at once, a registry restored from backup), so they are taken in batches: one
/// read and one write for up to a hundred.
/// </summary>
public sealed class VolunteerRegisteredConsumer(GridDbContext db, TimeProvider time, ILogger<VolunteerRegisteredConsumer> logger)
    : IdempotentBatchConsumer<VolunteerRegistered, GridDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<VolunteerRegistered> messages, CancellationToken cancellationToken)
    {
        if (messages.Any(message => message.VolunteerId == Guid.Empty || string.IsNullOrWhiteSpace(message.DisplayName)))
        {
            throw new InvalidMessageException("VolunteerRegistered needs a volunteer id and a display name.");
        }

        var volunteers = await KnownVolunteerCopies.ApplyAsync(Db,
            [.. messages.Select(m => new KnownVolunteerChange(m.VolunteerId, m.DisplayName, m.Kind, m.Skills, m.HomeBuildingId, m.RegisteredAt))],
            Time.GetUtcNow(), cancellationToken);
        foreach (var message in messages)
        {
            volunteers[message.VolunteerId].RegisteredAt = message.RegisteredAt;
        }
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

        await KnownVolunteerCopies.ApplyAsync(Db,
            [new KnownVolunteerChange(message.VolunteerId, message.DisplayName, message.Kind, message.Skills, message.HomeBuildingId, message.ChangedAt)],
            Time.GetUtcNow(), context.CancellationToken);
    }
}
