using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Grid.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

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

        var existing = await Db.KnownVolunteers.FirstOrDefaultAsync(v => v.VolunteerId == message.VolunteerId, context.CancellationToken);
        var volunteer = existing ?? Db.KnownVolunteers.Add(new KnownVolunteer { VolunteerId = message.VolunteerId }).Entity;
        volunteer.DisplayName = message.DisplayName;
        volunteer.Kind = message.Kind;
        volunteer.Skills = message.Skills.ToList();
        volunteer.HomeBuildingId = message.HomeBuildingId;
        volunteer.RegisteredAt = message.RegisteredAt;
        volunteer.ReceivedAt = Time.GetUtcNow();
    }
}
