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
        where TData : class
    {
        if (!PublicEventCatalogue.IsKnown(type) || PublicEventCatalogue.All.Single(t => t.Name == type).DataType != typeof(TData))
        {
            throw new InvalidOperationException($"{typeof(TData).Name} is not the data of a public event of type '{type}'.");
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A public event is appended inside the transaction of the change that caused it.");
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7();
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = id.ToString(),
            Type = type,
            Source = PublicEventCatalogue.Source,
            Subject = subject,
            Time = occurredAt,
            DataContentType = "application/json",
            Data = data,
        };
        var envelope = Encoding.UTF8.GetString(Formatter.EncodeStructuredModeMessage(cloudEvent, out _).Span);
        var publicEvent = PublicEvent.Create(id, type, subject, occurredAt, envelope, now);
        db.PublicEvents.Add(publicEvent);
        await db.SaveChangesAsync(cancellationToken);

        var giveUpAt = now + options.Value.Webhooks.GiveUpAfter;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO webhook_deliveries (id, endpoint_id, event_id, status, attempts, next_attempt_at, give_up_at, created_at)
            SELECT gen_random_uuid(), e.id, {id}, 'pending', 0, {now}, {giveUpAt}, {now}
            FROM webhook_endpoints e WHERE e.enabled AND {type} = ANY(e.types)
            """, cancellationToken);
        return publicEvent;
    }
}
