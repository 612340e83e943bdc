namespace Community.Services.Activities.Registrations;

public sealed record RegistrationDto(
    Guid Id, Guid SessionId, string ParticipantName, string Status, int? WaitlistPosition, DateTimeOffset? OfferExpiresAt,
    string? CheckInCode, bool OnBehalf, DateTimeOffset CreatedAt);

/// <summary>A registration as the registrant and staff see it: the check-in code only once a place is confirmed.</summary>
public static class RegistrationDtos
{
    /// <param name="position">The waitlist position (1 first), or null when not waiting.</param>
    public static RegistrationDto ToDto(Registration r, int? position) => new(
        r.Id, r.SessionId, r.ParticipantName, r.Status, position, r.OfferExpiresAt,
        r.Status == RegistrationStatus.Confirmed ? r.CheckInCode : null, r.OnBehalf, r.CreatedAt);
}
