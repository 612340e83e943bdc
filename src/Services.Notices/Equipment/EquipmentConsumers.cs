using Community.Contracts;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Live;
using MassTransit;

namespace Community.Services.Notices.Equipment;

/// <summary>A wheelchair (or walker, or ...) is held for a resident who waited for one: they are told until when, or their grid team calls them.</summary>
public sealed class EquipmentHeldConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<EquipmentHeldConsumer> logger)
    : NoticeConsumer<EquipmentHeld>(db, writer, signal, time, logger)
{
    protected override Task HandleAsync(EquipmentHeld message, ConsumeContext<EquipmentHeld> context) =>
        Writer.ToPersonAsync(message.ResidentId, null,
            new NoticeDraft(NoticeKinds.EquipmentHeld, message.WaitId.ToString(),
                [NoticeTexts.ItemKind(message.ItemKind), message.HeldUntil is { } until ? NoticeTexts.When(until) : NoticeTexts.Phrase("a-few-days")])
            {
                // On the call list the hold's deadline is the entry's: after it the item goes to the next person.
                DueAt = message.HeldUntil,
            },
            context.CancellationToken);
}

/// <summary>Nobody came for the held item in time: the resident is told it went to the next person, and how to queue again.</summary>
public sealed class EquipmentHoldLapsedConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<EquipmentHoldLapsedConsumer> logger)
    : NoticeConsumer<EquipmentHoldLapsed>(db, writer, signal, time, logger)
{
    protected override Task HandleAsync(EquipmentHoldLapsed message, ConsumeContext<EquipmentHoldLapsed> context) =>
        Writer.ToPersonAsync(message.ResidentId, null,
            new NoticeDraft(NoticeKinds.EquipmentHoldLapsed, message.WaitId.ToString(), [NoticeTexts.ItemKind(message.ItemKind)]),
            context.CancellationToken);
}
