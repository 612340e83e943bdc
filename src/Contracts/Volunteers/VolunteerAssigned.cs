namespace Community.Contracts;

/// <summary>A volunteer was assigned to a shift that answers a request (RequestId links back to VolunteersRequested). No names, phone numbers or addresses.</summary>
public sealed record VolunteerAssigned(Guid AssignmentId, Guid VolunteerId, Guid RequestId, DateTimeOffset AssignedAt);
