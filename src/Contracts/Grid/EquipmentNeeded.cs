namespace Community.Contracts;

/// <summary>
/// No working item of a kind is left to lend (the last one broke or was lost) while the neighbourhood needs one:
/// partners may be asked to donate. No borrower, no resident, no free text.
/// </summary>
public sealed record EquipmentNeeded(Guid EquipmentNeedId, string ItemKind, int Quantity, int Waiting, DateTimeOffset RaisedAt);
