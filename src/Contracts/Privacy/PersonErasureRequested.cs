namespace Community.Contracts;

/// <summary>
/// A person asked for their personal data to be erased (PIPL art. 47). Published by the identity provider, which has
/// already closed the account; each service holding personal data removes or anonymises what it holds about the
/// account, within its retention rules, and answers <see cref="PersonDataErased"/>. Carries no personal data: the
/// account id is how each service finds its own records.
/// </summary>
public sealed record PersonErasureRequested(Guid RequestId, Guid AccountId, DateTimeOffset RequestedAt);
