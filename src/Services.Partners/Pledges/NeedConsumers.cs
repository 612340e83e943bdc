using Community.Contracts;
using Community.Services.Partners.Data;
using Community.Services.Partners.PublicEvents;

namespace Community.Services.Partners.Pledges;

/// <summary>Grid has no working item of a kind left to lend: a need partners can pledge on, told outward.</summary>
public sealed class EquipmentNeededConsumer(
    PartnersDbContext db, NeedRaising needs, PublicEventWriter writer, TranslationPace pace, DeliverySignals signals, TimeProvider time,
    ILogger<EquipmentNeededConsumer> logger)
    : PublicEventConsumer<EquipmentNeeded>(db, writer, pace, signals, time, logger)
{
    protected override Task BeforeTranslatingAsync(IReadOnlyList<EquipmentNeeded> messages, CancellationToken cancellationToken) =>
        needs.LockAsync(Kind, messages.Select(m => m.EquipmentNeedId), cancellationToken);

    private const string Kind = "equipment";

    protected override async Task<PublicEventDraft> TranslateAsync(EquipmentNeeded message, CancellationToken cancellationToken)
    {
        var need = await needs.RaiseAsync(Kind, message.EquipmentNeedId, message.ItemKind, EquipmentTitles.For(message.ItemKind, message.Quantity),
            message.Quantity, null, cancellationToken);
        return PublicEventDraft.Of(PublicEventCatalogue.EquipmentNeeded, need.Id.ToString(),
            new EquipmentNeededData(need.Id, message.ItemKind, message.Quantity, message.Waiting, message.RaisedAt),
            message.RaisedAt);
    }
}

/// <summary>A shift still short of people: a need for staff volunteers from partners, told outward.</summary>
public sealed class ShiftUnderstaffedConsumer(
    PartnersDbContext db, NeedRaising needs, PublicEventWriter writer, TranslationPace pace, DeliverySignals signals, TimeProvider time,
    ILogger<ShiftUnderstaffedConsumer> logger)
    : PublicEventConsumer<ShiftUnderstaffed>(db, writer, pace, signals, time, logger)
{
    protected override Task BeforeTranslatingAsync(IReadOnlyList<ShiftUnderstaffed> messages, CancellationToken cancellationToken) =>
        needs.LockAsync(Kind, messages.Select(m => m.ShiftId), cancellationToken);

    private const string Kind = "volunteers";

    protected override async Task<PublicEventDraft> TranslateAsync(ShiftUnderstaffed message, CancellationToken cancellationToken)
    {
        var missing = Math.Max(1, message.MinVolunteers - message.Assigned);
        var need = await needs.RaiseAsync(Kind, message.ShiftId, null, $"志愿者 {missing} 名", missing, message.StartsAt, cancellationToken);
        return PublicEventDraft.Of(PublicEventCatalogue.ShiftUnderstaffed, need.Id.ToString(),
            new ShiftUnderstaffedData(message.ShiftId, need.Id, message.MinVolunteers, message.Assigned, message.StartsAt),
            message.RaisedAt);
    }
}

/// <summary>Plain Chinese titles for equipment needs on the needs board.</summary>
public static class EquipmentTitles
{
    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["wheelchair"] = "轮椅车",
        ["walker"] = "助行器",
        ["crutches"] = "拐杖",
        ["blood-pressure-monitor"] = "血压计",
        ["tools"] = "工具",
    };

    public static string For(string itemKind, int quantity) => $"{Names.GetValueOrDefault(itemKind, itemKind)} ×{quantity}";
}
