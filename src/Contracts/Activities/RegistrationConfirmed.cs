namespace Community.Contracts;

/// <summary>A registration holds a place in a session (directly, or by accepting a waitlist offer). No names, phone numbers or addresses.</summary>
public sealed record RegistrationConfirmed(Guid RegistrationId, Guid SessionId, bool OnBehalf, DateTimeOffset ConfirmedAt);
