namespace Community.Contracts;

/// <summary>A service needs volunteers: the Volunteers service turns the request into an opportunity with a shift. No names, phone numbers or addresses.</summary>
public sealed record VolunteersRequested(Guid RequestId, string SourceService, Guid SessionId, string Role, string? Skill, int Needed, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid VenueId);
