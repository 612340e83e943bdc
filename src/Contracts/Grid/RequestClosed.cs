namespace Community.Contracts;

/// <param name="Resolved">False for closed-unresolved.</param>
public sealed record RequestClosed(Guid RequestId, string Category, Guid BuildingId, Guid? GridId, bool Resolved, DateTimeOffset ClosedAt);
