namespace Community.Contracts;

public sealed record RequestReopened(Guid RequestId, string Category, Guid BuildingId, Guid? GridId, DateTimeOffset ReopenedAt);
