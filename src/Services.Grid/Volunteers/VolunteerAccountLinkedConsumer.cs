using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Persistence;
using Community.Services.Grid.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Volunteers;

/// <summary>Records whose account a volunteer record is, once per message; a later link wins over an earlier one arriving late.</summary>
public sealed class VolunteerAccountLinkedConsumer(GridDbContext db, TimeProvider time, ILogger<VolunteerAccountLinkedConsumer> logger)
    : IdempotentConsumer<VolunteerAccountLinked, GridDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteerAccountLinked message, ConsumeContext<VolunteerAccountLinked> context)
    {
        if (message.VolunteerId == Guid.Empty || message.AccountId == Guid.Empty)
        {
            throw new InvalidMessageException("VolunteerAccountLinked needs a volunteer and an account.");
        }

        var link = await Db.VolunteerAccounts.LockedAsync(l => l.VolunteerId, message.VolunteerId, context.CancellationToken);
        if (link is null)
        {
            Db.VolunteerAccounts.Add(new VolunteerAccount { VolunteerId = message.VolunteerId, AccountId = message.AccountId, LinkedAt = message.LinkedAt });
        }
        else if (link.LinkedAt <= message.LinkedAt)
        {
            link.AccountId = message.AccountId;
            link.LinkedAt = message.LinkedAt;
        }
    }
}
