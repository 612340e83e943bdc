namespace Community.Contracts;

/// <summary>A volunteer left a shift they were assigned to. No names, phone numbers or addresses.</summary>
public sealed record VolunteerWithdrawn(Guid AssignmentId, Guid VolunteerId, Guid RequestId, DateTimeOffset WithdrawnAt);
