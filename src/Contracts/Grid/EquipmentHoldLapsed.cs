namespace Community.Contracts;

/// <summary>
/// Nobody came for an item held for a resident before its deadline: the hold lapsed, the resident is off the kind's
/// waiting list and the item went to the next person waiting. They (or their grid team) are told, so they can queue again.
/// </summary>
public sealed record EquipmentHoldLapsed(Guid WaitId, Guid ResidentId, string ItemKind, Guid ItemId, DateTimeOffset LapsedAt);
