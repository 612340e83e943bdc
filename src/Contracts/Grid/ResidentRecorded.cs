namespace Community.Contracts;

/// <summary>
/// A resident's record as Grid keeps it, sent whenever it is created or changes (linked to an account, a guardian
/// named). Internal only: Activities takes a registration's name, birth year and household from it rather than
/// from the request. Never forwarded to partners.
/// </summary>
/// <param name="GuardianId">The guardian's resident id, for a child.</param>
/// <param name="BuildingId">The household's building (so a grid team can be told to reach the resident in person).</param>
/// <param name="AccountId">The resident's own account at the identity provider, once linked.</param>
/// <param name="MovedOutAt">Set when the resident moved out: their grid team no longer reaches or acts for them.</param>
public sealed record ResidentRecorded(
    Guid ResidentId, Guid HouseholdId, string Name, int BirthYear, Guid? GuardianId, Guid? AccountId, DateTimeOffset RecordedAt, Guid? BuildingId = null,
    DateTimeOffset? MovedOutAt = null);
