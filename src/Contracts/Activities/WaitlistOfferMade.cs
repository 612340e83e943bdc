namespace Community.Contracts;

/// <summary>A freed place is offered to the first waiting registration until the offer expires. No names, phone numbers or addresses.</summary>
/// <param name="ParticipantResidentId">The participant's resident record, when known (who is told).</param>
/// <param name="OfferedAt">When the offer was made (orders it against the registration's other events).</param>
/// <param name="RegistrantAccountId">The account that registered (themselves, a relative, a grid worker), when it is one.</param>
public sealed record WaitlistOfferMade(Guid RegistrationId, Guid SessionId, DateTimeOffset ExpiresAt, Guid? ParticipantResidentId = null, Guid? RegistrantAccountId = null, DateTimeOffset? OfferedAt = null);
