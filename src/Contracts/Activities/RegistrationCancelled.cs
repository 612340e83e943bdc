namespace Community.Contracts;

/// <summary>A registration was cancelled (by the resident, by staff, with its session, or when an offer expired). No names, phone numbers or addresses.</summary>
/// <param name="Reason">
/// No longer sent (always null): it carried the words a resident typed, which now stay in Activities. Kept so messages
/// published before can still be read; use <see cref="Code"/>.
/// </param>
/// <param name="ParticipantResidentId">The participant's resident record, when known (who is told).</param>
/// <param name="RegistrantAccountId">The account that registered (themselves, a relative, a grid worker), when it is one.</param>
/// <param name="ReasonCode">One of <see cref="CancellationReasons"/>.</param>
public sealed record RegistrationCancelled(
    Guid RegistrationId, Guid SessionId, string? Reason, bool HeldAPlace, DateTimeOffset CancelledAt, Guid? ParticipantResidentId = null,
    Guid? RegistrantAccountId = null, string? ReasonCode = null)
{
    /// <summary>Why, as a code — for messages published before <see cref="ReasonCode"/> existed, read from their fixed reasons.</summary>
    public string Code => ReasonCode ?? CancellationReasons.FromLegacy(Reason);
}
