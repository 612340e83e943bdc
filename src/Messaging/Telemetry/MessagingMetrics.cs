using System.Diagnostics.Metrics;
using Community.Messaging.Broker;
using Community.Messaging.Outbox;

namespace Community.Messaging.Telemetry;

/// <summary>
/// The event flow of one service, as an operator watches it: the outbox (pending rows, the age of the oldest,
/// publish attempts, failures and latency), every consumer (messages handled, duplicates the inbox skipped,
/// failures, handling time) and the messages parked in each <c>_error</c> queue. Attributes are the service, the
/// consumer or queue, and the event type — never a person's id. Meter <c>Community.Messaging</c>.
/// </summary>
public sealed class MessagingMetrics
{
    public const string MeterName = "Community.Messaging";

    private readonly KeyValuePair<string, object?> _service;
    private readonly Counter<long> _publishAttempts;
    private readonly Counter<long> _publishFailures;
    private readonly Histogram<double> _publishDuration;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _consumeFailures;
    private readonly Histogram<double> _consumeDuration;

    public MessagingMetrics(IMeterFactory meters, MessagingService service, OutboxBacklog backlog, ErrorQueueCounts errorQueues)
    {
        Service = service.Name;
        _service = new("service", service.Name);
        var meter = meters.Create(MeterName);

        meter.CreateObservableGauge<long>("community.outbox.pending",
            () => backlog.Latest is { } b ? [new Measurement<long>(b.Pending, _service)] : Array.Empty<Measurement<long>>(),
            "{message}", "Events written to the outbox and not yet confirmed by the broker.");
        meter.CreateObservableGauge<double>("community.outbox.oldest_pending.age",
            () => backlog.Latest is { } b ? [new Measurement<double>(b.OldestAge.TotalSeconds, _service)] : Array.Empty<Measurement<double>>(),
            "s", "How long the oldest unpublished event has waited in the outbox (0 when none waits).");
        _publishAttempts = meter.CreateCounter<long>("community.outbox.publish.attempts", "{message}",
            "Events the outbox relay tried to publish (each retry counts again).");
        _publishFailures = meter.CreateCounter<long>("community.outbox.publish.failures", "{message}",
            "Publish attempts the broker did not confirm; the event stays pending and is retried.");
        _publishDuration = meter.CreateHistogram("community.outbox.publish.duration", "s",
            "From the relay's publish to the broker's confirm, per event.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

        _consumed = meter.CreateCounter<long>("community.consumer.messages", "{message}",
            "Messages a consumer applied (committed), duplicates not counted.");
        _duplicates = meter.CreateCounter<long>("community.consumer.duplicates", "{message}",
            "Redelivered or re-sent messages the inbox recognised and skipped.");
        _consumeFailures = meter.CreateCounter<long>("community.consumer.failures", "{message}",
            "Consumer attempts that threw; the message is retried and, after the last retry, moved to the _error queue.");
        _consumeDuration = meter.CreateHistogram("community.consumer.duration", "s",
            "Time a consumer took to apply a message, committed or failed.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

        meter.CreateObservableGauge("community.error_queue.messages",
            () => errorQueues.Latest.Select(q => new Measurement<long>(q.Value, _service, new("messaging.destination.name", q.Key))),
            "{message}", "Messages parked in each of the service's _error queues (read from the broker every 30 s).");
    }

    public string Service { get; }

    public void Published(string eventType, TimeSpan duration, bool confirmed)
    {
        var type = new KeyValuePair<string, object?>("event_type", eventType);
        _publishAttempts.Add(1, _service, type);
        _publishDuration.Record(duration.TotalSeconds, _service, type);
        if (!confirmed)
        {
            _publishFailures.Add(1, _service, type);
        }
    }

    public void Consumed(string consumer, TimeSpan duration) => Record(_consumed, consumer, duration);

    public void Failed(string consumer, TimeSpan duration) => Record(_consumeFailures, consumer, duration);

    public void Duplicate(string consumer) => _duplicates.Add(1, _service, new("consumer", consumer));

    private void Record(Counter<long> counter, string consumer, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("consumer", consumer);
        counter.Add(1, _service, tag);
        _consumeDuration.Record(duration.TotalSeconds, _service, tag);
    }
}

/// <summary>The service's name, as its queues are prefixed and its metrics are tagged.</summary>
public sealed record MessagingService(string Name);
