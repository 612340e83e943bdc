namespace Community.Services.Grid.Visits;

public sealed record OverdueHousehold(Guid HouseholdId, Guid BuildingId, string Unit, Guid? GridId, bool Vulnerable, DateTimeOffset? LastVisitedAt, int CycleDays, int DaysOverdue);

public sealed record VisitorCount(Guid VolunteerId, string? DisplayName, int Visits);

public sealed record GridCoverage(Guid? GridId, int Households, int Covered, double CoveredShare);

/// <param name="Overdue">The most overdue first, vulnerable households (with a sensitive tag) before others on the same day; at most 200.</param>
public sealed record CoverageDto(
    Guid? GridId, DateTimeOffset AsOf, int Households, int Covered, double CoveredShare, int VulnerableHouseholds, int VulnerableCovered,
    int OverdueTotal, IReadOnlyList<OverdueHousehold> Overdue, IReadOnlyList<VisitorCount> VisitsThisMonth, IReadOnlyList<GridCoverage> Grids);
