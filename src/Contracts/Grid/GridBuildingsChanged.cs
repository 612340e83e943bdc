namespace Community.Contracts;

/// <summary>The set of buildings a grid covers, after a change (from Grid). Other services learn "same grid" from it.</summary>
public sealed record GridBuildingsChanged(Guid GridId, IReadOnlyList<Guid> BuildingIds, DateTimeOffset ChangedAt);
