namespace Community.Contracts;

/// <summary>
/// A partner's webhook endpoint was switched off (it answered 410 Gone, or failed for days); the people who act for the
/// organisation are told, so they can fix it and switch it on again.
/// </summary>
public sealed record WebhookEndpointDisabled(
    Guid EndpointId, Guid OrganisationId, string OrganisationName, string Host, string Reason, IReadOnlyList<Guid> ContactAccountIds,
    DateTimeOffset DisabledAt);
