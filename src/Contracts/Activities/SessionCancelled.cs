namespace Community.Contracts;

/// <summary>
/// A session was cancelled; every registration for it is cancelled with it (RegistrationCancelled follows for each).
/// No names, phone numbers or addresses — nor the reason staff typed (it may name people), which stays in Activities.
/// </summary>
public sealed record SessionCancelled(Guid SessionId, Guid SeriesId, int RegistrationsCancelled, DateTimeOffset CancelledAt);
