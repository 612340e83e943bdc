namespace Community.Contracts;

/// <summary>
/// A session was cancelled; every registration for it is cancelled with it (RegistrationCancelled follows for each).
/// No names, phone numbers or addresses.
/// </summary>
/// <param name="Reason">
/// No longer sent (always null): staff's typed reason may name people and stays in Activities. Kept so messages
/// published before can still be read.
/// </param>
public sealed record SessionCancelled(Guid SessionId, Guid SeriesId, string? Reason, int RegistrationsCancelled, DateTimeOffset CancelledAt);
