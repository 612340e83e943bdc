using Community.Messaging.Telemetry;

namespace Community.Messaging.Outbox;

/// <summary>
/// For the few writes done in one SQL statement rather than through <c>SaveChanges</c> (a hot path that must not hold
/// a lock across round trips): the outbox row's columns, and what the save interceptor would have done on commit —
/// wake the relay and count the event for the service's metrics.
/// </summary>
public sealed class OutboxSql(OutboxSignal signal, EventMetrics metrics)
{
    /// <summary>
    /// The columns an outbox row is inserted with: <see cref="OutboxMessage.Id"/>, <see cref="OutboxMessage.MessageType"/>,
    /// <see cref="OutboxMessage.Payload"/> (jsonb), <see cref="OutboxMessage.TraceParent"/>, <see cref="OutboxMessage.TraceState"/>,
    /// <see cref="OutboxMessage.CreatedAt"/>, 0 attempts, <see cref="OutboxMessage.NextAttemptAt"/>.
    /// </summary>
    public const string Columns = "id, message_type, payload, trace_parent, trace_state, created_at, attempts, next_attempt_at";

    /// <summary>The transaction that wrote <paramref name="event"/> to the outbox committed.</summary>
    public void Committed(object @event)
    {
        signal.Notify();
        metrics.Committed([@event]);
    }
}
