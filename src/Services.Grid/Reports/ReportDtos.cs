namespace Community.Services.Grid.Reports;

public sealed record CategoryStatusCount(string Category, string Status, int Count);

/// <param name="ResolvedWithinSlaShare">Of the requests reported in the period (merged duplicates left out), the share resolved by their due time.</param>
/// <param name="ClosedUnresolvedShare">The share closed without being resolved: it never counts as resolved.</param>
/// <param name="SatisfactionRate">Of the follow-ups recorded for these requests, the share satisfied (null: none yet).</param>
public sealed record RequestFigures(
    int Total, IReadOnlyList<CategoryStatusCount> ByCategoryAndStatus, double? MedianHoursToResolve, double ResolvedWithinSlaShare,
    double ClosedUnresolvedShare, int FollowUps, double? SatisfactionRate, int Escalated, int Escalations);

public sealed record VisitFigures(int VisitsInPeriod, int Households, int Covered, double CoveredShare, int Overdue);

public sealed record ReportDto(Guid? GridId, DateOnly From, DateOnly To, RequestFigures Requests, VisitFigures Visits);
