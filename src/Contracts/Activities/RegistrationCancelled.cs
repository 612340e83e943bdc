namespace Community.Contracts;

/// <summary>A registration was cancelled (by the resident, by staff, with its session, or when an offer expired). No names, phone numbers or addresses.</summary>
public sealed record RegistrationCancelled(Guid RegistrationId, Guid SessionId, string Reason, bool HeldAPlace, DateTimeOffset CancelledAt);
