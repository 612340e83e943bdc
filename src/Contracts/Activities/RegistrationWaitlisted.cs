namespace Community.Contracts;

/// <summary>A registration found the session full and waits for a place. No names, phone numbers or addresses.</summary>
/// <param name="ParticipantResidentId">The participant's resident record, when known (who is told).</param>
/// <param name="RegistrantAccountId">The account that registered (themselves, a relative, a grid worker), when it is one.</param>
public sealed record RegistrationWaitlisted(Guid RegistrationId, Guid SessionId, int Position, DateTimeOffset WaitlistedAt, Guid? ParticipantResidentId = null, Guid? RegistrantAccountId = null);
