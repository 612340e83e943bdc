namespace Community.Contracts;

/// <summary>
/// An item the station lends (a freed or donated one) is held for the first resident waiting for its kind: they (or,
/// without a smartphone, their grid team) are told to come for it by <paramref name="HeldUntil"/> (absent from events
/// written before holds had a deadline). No name, phone or address: Notices knows the resident.
/// </summary>
public sealed record EquipmentHeld(Guid WaitId, Guid ResidentId, string ItemKind, Guid ItemId, DateTimeOffset HeldAt, DateTimeOffset? HeldUntil = null);
