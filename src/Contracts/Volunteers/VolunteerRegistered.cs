namespace Community.Contracts;

/// <summary>
/// A person joined the volunteer registry. Carries no contact details: other services keep a read model
/// of who can help (a grid team needs its building volunteers), not a copy of the registry.
/// </summary>
public sealed record VolunteerRegistered(
    Guid VolunteerId,
    string DisplayName,
    string Kind,
    IReadOnlyList<string> Skills,
    Guid? HomeBuildingId,
    DateTimeOffset RegisteredAt);
