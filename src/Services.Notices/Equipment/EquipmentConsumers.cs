using Community.Contracts;
using Community.Services.Notices.CallList;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Live;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.Equipment;

/// <summary>A wheelchair (or walker, or ...) is held for a resident who waited for one: they are told until when, or their grid team calls them.</summary>
public sealed class EquipmentHeldConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<EquipmentHeldConsumer> logger)
    : NoticeConsumer<EquipmentHeld>(db, writer, signal, time, logger)
{
    protected override Task HandleAsync(EquipmentHeld message, ConsumeContext<EquipmentHeld> context) =>
        Writer.ToPersonAsync(message.ResidentId, null,
            // One place on the list can be held for twice (its first item broke before she came): each hold is news.
            new NoticeDraft(NoticeKinds.EquipmentHeld, $"{message.WaitId}:{message.HeldAt.UtcTicks}",
                [NoticeTexts.ItemKind(message.ItemKind), message.HeldUntil is { } until ? NoticeTexts.When(until) : NoticeTexts.Phrase("three-days-on")])
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
    protected override async Task HandleAsync(EquipmentHoldLapsed message, ConsumeContext<EquipmentHoldLapsed> context)
    {
        var ct = context.CancellationToken;
        // Nobody called her about the hold in time: that entry is moot now (this one replaces it).
        var heldKeys = $"{NoticeKinds.EquipmentHeld}:{message.WaitId}:";
        var now = Time.GetUtcNow();
        await Db.CallListEntries
            .Where(e => e.Kind == NoticeKinds.EquipmentHeld && e.DedupeKey.StartsWith(heldKeys) && e.Status == CallListStatus.Open)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, CallListStatus.Overtaken).SetProperty(e => e.HandledAt, now)
                .SetProperty(e => e.HandledByName, "系统"), ct);
        await Writer.ToPersonAsync(message.ResidentId, null,
            new NoticeDraft(NoticeKinds.EquipmentHoldLapsed, message.WaitId.ToString(), [NoticeTexts.ItemKind(message.ItemKind)]), ct);
    }
}
