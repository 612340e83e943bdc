namespace Community.Contracts;

/// <summary>A team member visited a household.</summary>
public sealed record HouseholdVisited(Guid VisitId, Guid GridId, Guid HouseholdId, Guid BuildingId, int NeedsFound, DateTimeOffset VisitedAt);
