namespace Community.Contracts;

/// <summary>A service needs volunteers: the Volunteers service turns the request into an opportunity with a shift. No names, phone numbers or addresses.</summary>
/// <param name="RequestedAt">
/// When the request was made, so a move of the session that arrives first is applied only if it is later (null in
/// messages published before this field was added).
/// </param>
public sealed record VolunteersRequested(
    Guid RequestId, string SourceService, Guid SessionId, string Role, string? Skill, int Needed, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid VenueId,
    DateTimeOffset? RequestedAt = null);
