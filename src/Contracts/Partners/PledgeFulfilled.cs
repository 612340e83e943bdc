namespace Community.Contracts;

/// <summary>
/// Staff confirmed they received what a partner pledged on a need. <paramref name="SourceId"/> is the id of the need in
/// the service that raised it (Grid's equipment need for <c>equipment</c>, the shift for <c>volunteers</c>), if any.
/// </summary>
public sealed record PledgeFulfilled(
    Guid PledgeId, Guid NeedId, string NeedKind, Guid? SourceId, string? ItemKind, Guid OrganisationId, string OrganisationName,
    int Quantity, DateTimeOffset FulfilledAt);
