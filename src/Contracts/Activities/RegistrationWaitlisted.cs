namespace Community.Contracts;

/// <summary>A registration found the session full and waits for a place. No names, phone numbers or addresses.</summary>
public sealed record RegistrationWaitlisted(Guid RegistrationId, Guid SessionId, int Position, DateTimeOffset WaitlistedAt);
