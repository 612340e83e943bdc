using Community.Contracts;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Live;
using MassTransit;

namespace Community.Services.Notices.Equipment;

/// <summary>A wheelchair (or walker, or ...) is held for a resident who waited for one: they are told, or their grid team calls them.</summary>
public sealed class EquipmentHeldConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<EquipmentHeldConsumer> logger)
    : NoticeConsumer<EquipmentHeld>(db, writer, signal, time, logger)
{
    protected override Task HandleAsync(EquipmentHeld message, ConsumeContext<EquipmentHeld> context) =>
        Writer.ToPersonAsync(message.ResidentId, null,
            new NoticeDraft(NoticeKinds.EquipmentHeld, message.WaitId.ToString(), [NoticeTexts.ItemKind(message.ItemKind)]),
            context.CancellationToken);
}
