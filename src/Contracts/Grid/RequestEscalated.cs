namespace Community.Contracts;

/// <summary>A request passed its due time and went one level up: 1 = residents' committee staff, 2 = admin.</summary>
public sealed record RequestEscalated(Guid RequestId, int Level, string Category, Guid BuildingId, Guid? GridId, DateTimeOffset DueAt, DateTimeOffset EscalatedAt);
