using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Community.Services.Partners.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Partners.PublicEvents;

/// <summary>
/// The one operation that appends a public event: builds the CloudEvent, stores it, and queues a webhook delivery for
/// every enabled endpoint subscribed to its type — all in the caller's transaction, so an event is either fully
/// queued for every partner or not at all. Call inside a transaction and wake <see cref="DeliverySignals"/> after commit
/// (the sequencer then gives it its place in the pull feed).
/// </summary>
public sealed class PublicEventWriter(PartnersDbContext db, TimeProvider time, IOptions<PartnersOptions> options)
{
    public static readonly JsonEventFormatter Formatter = new(new JsonSerializerOptions(JsonSerializerDefaults.Web), new JsonDocumentOptions());

    public async Task<PublicEvent> AppendAsync<TData>(string type, string? subject, TData data, DateTimeOffset occurredAt, CancellationToken cancellationToken)
        where TData : class =>
        (await AppendAllAsync([PublicEventDraft.Of(type, subject, data, occurredAt)], cancellationToken))[0];

    /// <summary>Appends several events at once: one insert of the events and one of all their webhook deliveries.</summary>
    public async Task<IReadOnlyList<PublicEvent>> AppendAllAsync(IReadOnlyList<PublicEventDraft> drafts, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A public event is appended inside the transaction of the change that caused it.");
        }

        if (drafts.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        // A microsecond apart (the column's precision), so the feed and the AMQP exchange keep the batch's order.
        var events = drafts.Select((draft, i) => Envelope(draft, now.AddTicks(i * TimeSpan.TicksPerMicrosecond))).ToList();
        db.PublicEvents.AddRange(events);
        await db.SaveChangesAsync(cancellationToken);

        var ids = events.Select(e => e.Id).ToArray();
        var types = events.Select(e => e.Type).ToArray();
        var giveUpAt = now + options.Value.Webhooks.GiveUpAfter;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO webhook_deliveries (id, endpoint_id, event_id, status, attempts, next_attempt_at, give_up_at, created_at)
            SELECT gen_random_uuid(), e.id, appended.id, 'pending', 0, {now}, {giveUpAt}, {now}
            FROM unnest({ids}, {types}) AS appended(id, type)
            JOIN webhook_endpoints e ON e.enabled AND appended.type = ANY(e.types)
            """, cancellationToken);
        return events;
    }

    private static PublicEvent Envelope(PublicEventDraft draft, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = id.ToString(),
            Type = draft.Type,
            Source = PublicEventCatalogue.Source,
            Subject = draft.Subject,
            Time = draft.OccurredAt,
            DataContentType = "application/json",
            Data = draft.Data,
        };
        var envelope = Encoding.UTF8.GetString(Formatter.EncodeStructuredModeMessage(cloudEvent, out _).Span);
        return PublicEvent.Create(id, draft.Type, draft.Subject, draft.OccurredAt, envelope, now);
    }
}
