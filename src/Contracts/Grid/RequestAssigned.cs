namespace Community.Contracts;

/// <summary>A request was routed to a grid's team (GridId) or, without a grid, to station staff (GridId null).</summary>
public sealed record RequestAssigned(Guid RequestId, Guid? GridId, Guid? AssigneeId, string Category, Guid BuildingId, DateTimeOffset AssignedAt);
