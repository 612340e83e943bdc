namespace Community.Contracts;

/// <summary>One volunteer's service at a completed session. No names, phone numbers or addresses.</summary>
public sealed record VolunteerServed(Guid VolunteerId, Guid RequestId, int Minutes);
