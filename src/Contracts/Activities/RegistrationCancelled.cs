namespace Community.Contracts;

/// <summary>A registration was cancelled (by the resident, by staff, with its session, or when an offer expired). No names, phone numbers or addresses.</summary>
/// <param name="ReasonCode">One of <see cref="CancellationReasons"/>; the words a person typed stay in Activities.</param>
/// <param name="ParticipantResidentId">The participant's resident record, when known (who is told).</param>
/// <param name="RegistrantAccountId">The account that registered (themselves, a relative, a grid worker), when it is one.</param>
public sealed record RegistrationCancelled(Guid RegistrationId, Guid SessionId, string ReasonCode, bool HeldAPlace, DateTimeOffset CancelledAt, Guid? ParticipantResidentId = null, Guid? RegistrantAccountId = null);
