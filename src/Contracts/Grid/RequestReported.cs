namespace Community.Contracts;

/// <summary>A resident request was taken in (from any channel).</summary>
public sealed record RequestReported(Guid RequestId, string Category, string Priority, string Channel, Guid BuildingId, Guid? GridId, DateTimeOffset ReportedAt, DateTimeOffset DueAt);
