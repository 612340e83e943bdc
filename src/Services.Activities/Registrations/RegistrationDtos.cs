namespace Community.Services.Activities.Registrations;

/// <param name="RegisteredBy">Who made it, by name, when it was made on the participant's behalf (shown to the participant and staff).</param>
/// <param name="ParticipantResidentId">The participant's resident record, when known.</param>
public sealed record RegistrationDto(
    Guid Id, Guid SessionId, string ParticipantName, string Status, int? WaitlistPosition, DateTimeOffset? OfferExpiresAt,
    string? CheckInCode, bool OnBehalf, DateTimeOffset CreatedAt, string? RegisteredBy = null, Guid? ParticipantResidentId = null,
    string? CancelReason = null);

/// <summary>A registration as the registrant and staff see it: the check-in code only once a place is confirmed.</summary>
public static class RegistrationDtos
{
    /// <param name="position">The waitlist position (1 first), or null when not waiting.</param>
    public static RegistrationDto ToDto(Registration r, int? position) => new(
        r.Id, r.SessionId, r.ParticipantName, r.Status, position, r.OfferExpiresAt,
        r.Status == RegistrationStatus.Confirmed ? r.CheckInCode : null, r.OnBehalf, r.CreatedAt,
        r.OnBehalf ? r.RegisteredByName : null, r.ParticipantResidentId, r.CancelReason);
}
