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
    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["wheelchair"] = "轮椅车", ["walker"] = "助行器", ["crutches"] = "拐杖", ["blood-pressure-monitor"] = "血压计", ["tools"] = "工具",
    };

    protected override Task HandleAsync(EquipmentHeld message, ConsumeContext<EquipmentHeld> context) =>
        Writer.ToPersonAsync(message.ResidentId, null,
            new NoticeDraft(NoticeKinds.EquipmentHeld, message.WaitId.ToString(), [Names.GetValueOrDefault(message.ItemKind, message.ItemKind)]),
            context.CancellationToken);
}
