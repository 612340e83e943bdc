namespace Community.Contracts;

/// <summary>
/// An adult volunteer's profile changed (skills, home building): read models of who can help follow it. Carries the
/// display name because its consumer (Grid: team members, cat caretakers, visit coverage) shows it — nothing else
/// personal: no phone, birth date or work unit. Children's records never travel in events.
/// </summary>
public sealed record VolunteerProfileChanged(
    Guid VolunteerId,
    string DisplayName,
    string Kind,
    IReadOnlyList<string> Skills,
    Guid? HomeBuildingId,
    DateTimeOffset ChangedAt);
