namespace Community.Services.Grid.Visits;

public sealed record NeedFound(string? Category, string? Description, string? Priority);

public sealed record LogVisitRequest(Guid? HouseholdId, DateTimeOffset? VisitedAt, IReadOnlyList<Guid>? VisitorIds, string? Note, IReadOnlyList<NeedFound>? Needs);

public sealed record VisitDto(Guid Id, Guid GridId, Guid HouseholdId, DateTimeOffset VisitedAt, IReadOnlyList<Guid> Visitors, string? Note, IReadOnlyList<Guid> RequestIds);
