using Community.Messaging.Telemetry;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Community.Messaging.Outbox;

/// <summary>
/// For the few writes done in one SQL statement rather than through <c>SaveChanges</c> (a hot path that must not hold
/// a lock across round trips, or a batch too large to track row by row): the outbox rows' columns and insert, and what
/// the save interceptor would have done on commit — wake the relay and count the events for the service's metrics.
/// </summary>
public sealed class OutboxSql(OutboxSignal signal, EventMetrics metrics, OutboxSignalInterceptor? interceptor = null)
{
    /// <summary>
    /// The columns an outbox row is inserted with: <see cref="OutboxMessage.Id"/>, <see cref="OutboxMessage.MessageType"/>,
    /// <see cref="OutboxMessage.Payload"/> (jsonb), <see cref="OutboxMessage.TraceParent"/>, <see cref="OutboxMessage.TraceState"/>,
    /// <see cref="OutboxMessage.CreatedAt"/>, 0 attempts, <see cref="OutboxMessage.NextAttemptAt"/>.
    /// </summary>
    public const string Columns = "id, message_type, payload, trace_parent, trace_state, created_at, attempts, next_attempt_at";

    /// <summary>
    /// Inserts the rows given by <see cref="RowParameters"/>, created at <c>@now</c> (the caller's parameter), as the
    /// last statement or a CTE of the caller's SQL. <paramref name="onlyIf"/> names a CTE that must have returned a row
    /// (the conditional update that decided the write); without one, the rows are always inserted.
    /// </summary>
    public static string InsertRows(string? onlyIf = null) => $"""
        INSERT INTO outbox_messages ({Columns})
        SELECT o.id, o.message_type, o.payload::jsonb, @outbox_trace_parent, @outbox_trace_state, @now, 0, @now
        FROM unnest(@outbox_ids, @outbox_types, @outbox_payloads) AS o(id, message_type, payload)
        {(onlyIf is null ? "" : $"WHERE EXISTS (SELECT 1 FROM {onlyIf})")}
        """;

    /// <summary>The parameters of <see cref="InsertRows"/> for these events, as <see cref="OutboxMessage.Create"/> makes their rows.</summary>
    public static NpgsqlParameter[] RowParameters(IReadOnlyList<object> events, DateTimeOffset now)
    {
        var rows = events.Select(e => OutboxMessage.Create(e, now)).ToList();
        return
        [
            new NpgsqlParameter<Guid[]>("outbox_ids", [.. rows.Select(r => r.Id)]),
            new NpgsqlParameter<string[]>("outbox_types", [.. rows.Select(r => r.MessageType)]),
            new NpgsqlParameter<string[]>("outbox_payloads", [.. rows.Select(r => r.Payload)]),
            new NpgsqlParameter("outbox_trace_parent", NpgsqlDbType.Varchar) { Value = (object?)rows.FirstOrDefault()?.TraceParent ?? DBNull.Value },
            new NpgsqlParameter("outbox_trace_state", NpgsqlDbType.Varchar) { Value = (object?)rows.FirstOrDefault()?.TraceState ?? DBNull.Value },
        ];
    }

    /// <summary>The transaction that wrote <paramref name="event"/> to the outbox committed.</summary>
    public void Committed(object @event)
    {
        signal.Notify();
        metrics.Committed([@event]);
    }

    /// <summary>
    /// <see cref="InsertRows"/> wrote <paramref name="events"/> on <paramref name="db"/>: told once the transaction under
    /// way commits, or now when the statement was a transaction of its own.
    /// </summary>
    public void Written(DbContext db, IReadOnlyCollection<object> events)
    {
        if (interceptor is not null)
        {
            interceptor.Written(db, events);
        }
        else if (db.Database.CurrentTransaction is null)
        {
            foreach (var @event in events)
            {
                Committed(@event);
            }
        }
        else
        {
            throw new InvalidOperationException("Outbox rows written in a transaction need the outbox interceptor on the context (AddServiceDatabase).");
        }
    }
}
