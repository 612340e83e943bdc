using System.Diagnostics;
using System.Text.Json;

namespace Community.Messaging.Outbox;

/// <summary>
/// An integration event waiting to be published. It is written in the same transaction as the state change
/// that caused it and kept until the broker confirms it.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    /// <summary>Also the MassTransit message id, so consumers can recognise a re-sent message.</summary>
    public Guid Id { get; private set; }

    /// <summary>The contract's type, as <c>Namespace.Type, Assembly</c>.</summary>
    public string MessageType { get; private set; } = "";

    public string Payload { get; private set; } = "";

    /// <summary>W3C trace context of the request that caused the event, so the trace continues through the broker.</summary>
    public string? TraceParent { get; private set; }

    public string? TraceState { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>The event itself while it is being written (not stored): counted by <see cref="Telemetry.EventMetrics"/> on commit.</summary>
    public object? Event { get; private set; }

    public static OutboxMessage Create<T>(T message, DateTimeOffset now) where T : class
    {
        var type = message.GetType();
        return new OutboxMessage
        {
            Id = NewId(),
            MessageType = $"{type.FullName}, {type.Assembly.GetName().Name}",
            Payload = JsonSerializer.Serialize(message, type, JsonSerializerOptions.Web),
            // A W3C traceparent is 55 characters; a tracestate may be longer than the column, and is then not carried on.
            TraceParent = Activity.Current?.Id is { Length: <= 100 } parent ? parent : null,
            TraceState = Activity.Current?.TraceStateString is { Length: <= 500 } state ? state : null,
            CreatedAt = now,
            NextAttemptAt = now,
            Event = message,
        };
    }

    public Type ResolveType() =>
        Type.GetType(MessageType, throwOnError: false)
        ?? throw new InvalidOperationException($"Outbox message {Id} has an unknown type '{MessageType}'.");

    public object Deserialize(Type type) =>
        JsonSerializer.Deserialize(Payload, type, JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException($"Outbox message {Id} has an empty payload.");

    /// <summary>Backs off exponentially (1 s, 2 s, 4 s, ...) up to <paramref name="maxBackoff"/>; the row stays pending.</summary>
    public void MarkFailed(string error, DateTimeOffset now, TimeSpan maxBackoff)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        var backoff = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(Attempts - 1, 16)));
        NextAttemptAt = now + (backoff < maxBackoff ? backoff : maxBackoff);
    }

    // Time-ordered ids keep the primary key index append-only.
    private static Guid NewId() => Guid.CreateVersion7();
}
