using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Grid.Data;
using MassTransit;

namespace Community.Services.Grid.Equipment;

/// <summary>A partner's donated equipment was received: the items are added, lendable at once, and offered to whoever waits.</summary>
public sealed class PledgeFulfilledConsumer(GridDbContext db, Lending lending, TimeProvider time, ILogger<PledgeFulfilledConsumer> logger)
    : IdempotentConsumer<PledgeFulfilled, GridDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(PledgeFulfilled message, ConsumeContext<PledgeFulfilled> context)
    {
        if (message.NeedKind != "equipment" || message.ItemKind is null || !EquipmentItem.Kinds.Contains(message.ItemKind))
        {
            return;
        }

        await lending.AddAsync(message.ItemKind, Math.Clamp(message.Quantity, 1, 20), null, "good", message.OrganisationName, "partners", context.CancellationToken);
    }
}
