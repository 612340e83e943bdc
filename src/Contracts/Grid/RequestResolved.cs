namespace Community.Contracts;

public sealed record RequestResolved(Guid RequestId, string Category, Guid BuildingId, Guid? GridId, bool WithinSla, DateTimeOffset ReportedAt, DateTimeOffset ResolvedAt);
