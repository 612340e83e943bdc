namespace Community.Contracts;

/// <summary>A session was cancelled; every registration for it is cancelled with it (RegistrationCancelled follows for each). No names, phone numbers or addresses.</summary>
public sealed record SessionCancelled(Guid SessionId, Guid SeriesId, string Reason, int RegistrationsCancelled, DateTimeOffset CancelledAt);
