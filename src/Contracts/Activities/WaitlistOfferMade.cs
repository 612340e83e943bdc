namespace Community.Contracts;

/// <summary>A freed place is offered to the first waiting registration until the offer expires. No names, phone numbers or addresses.</summary>
public sealed record WaitlistOfferMade(Guid RegistrationId, Guid SessionId, DateTimeOffset ExpiresAt);
