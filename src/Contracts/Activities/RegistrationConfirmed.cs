namespace Community.Contracts;

/// <summary>A registration holds a place in a session (directly, or by accepting a waitlist offer). No names, phone numbers or addresses.</summary>
/// <param name="ParticipantResidentId">The participant's resident record, when known (who is told).</param>
/// <param name="RegistrantAccountId">The account that registered (themselves, a relative, a grid worker), when it is one.</param>
public sealed record RegistrationConfirmed(Guid RegistrationId, Guid SessionId, bool OnBehalf, DateTimeOffset ConfirmedAt, Guid? ParticipantResidentId = null, Guid? RegistrantAccountId = null);
