namespace Community.Contracts;

/// <summary>A building was added to a compound of the neighbourhood.</summary>
public sealed record BuildingRegistered(
    Guid BuildingId,
    Guid CompoundId,
    string Number,
    int Floors,
    DateTimeOffset RegisteredAt);
