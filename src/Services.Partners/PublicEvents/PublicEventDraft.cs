namespace Community.Services.Partners.PublicEvents;

/// <summary>A public event about to be appended: its catalogue type, subject, data and when it happened.</summary>
public sealed record PublicEventDraft
{
    private PublicEventDraft(string type, string? subject, object data, DateTimeOffset occurredAt) =>
        (Type, Subject, Data, OccurredAt) = (type, subject, data, occurredAt);

    public string Type { get; }

    public string? Subject { get; }

    public object Data { get; }

    public DateTimeOffset OccurredAt { get; }

    /// <summary>A draft whose data is the catalogue's data type for <paramref name="type"/>; anything else is a programming error.</summary>
    public static PublicEventDraft Of<TData>(string type, string? subject, TData data, DateTimeOffset occurredAt)
        where TData : class
    {
        if (!PublicEventCatalogue.IsKnown(type) || PublicEventCatalogue.All.Single(t => t.Name == type).DataType != typeof(TData))
        {
            throw new InvalidOperationException($"{typeof(TData).Name} is not the data of a public event of type '{type}'.");
        }

        return new PublicEventDraft(type, subject, data, occurredAt);
    }
}
