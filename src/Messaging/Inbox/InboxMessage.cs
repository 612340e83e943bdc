namespace Community.Messaging.Inbox;

/// <summary>A message a consumer has already applied; its key makes a second application impossible.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    public string Consumer { get; set; } = "";

    public string MessageType { get; set; } = "";

    public DateTimeOffset ProcessedAt { get; set; }
}
