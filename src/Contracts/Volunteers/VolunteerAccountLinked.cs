namespace Community.Contracts;

/// <summary>
/// A volunteer record was linked to a person's account at the identity provider (staff linked it, or the person
/// registered themselves). Other services learn whose token is whose volunteer from it: a grid worker's grids,
/// a volunteer's door duty. A later link for the same record replaces an earlier one.
/// </summary>
public sealed record VolunteerAccountLinked(Guid VolunteerId, Guid AccountId, DateTimeOffset LinkedAt);
