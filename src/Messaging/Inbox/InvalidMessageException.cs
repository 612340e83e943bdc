namespace Community.Messaging.Inbox;

/// <summary>
/// The message can never be applied (it breaks the contract). It skips the retries and goes straight to the
/// <c>_error</c> queue, where an operator can inspect it.
/// </summary>
public sealed class InvalidMessageException(string message) : Exception(message);
