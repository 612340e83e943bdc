using Community.Services.Partners.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Partners.PublicEvents;

/// <summary>
/// Keeps translation from running ahead of webhook delivery. A burst translated faster than it can be sent only queues
/// deliveries behind each other, and every partner then waits for the whole queue (measured on two cores: 1,000 events
/// to 20 subscribers, webhook p99 3.2 s when translated as fast as possible, under 0.5 s when translation kept pace).
/// Before a batch, the translator looks at the typical subscriber — the median of the enabled endpoints that are not
/// failing (a timeout or an error since their last success), so one slow partner holds nobody back and failing ones hold
/// back nothing — and waits while its deliveries due and not yet sent exceed
/// <see cref="PartnersOptions.TranslationPauseBacklog"/>, for at most <see cref="PartnersOptions.TranslationPauseLimit"/>.
/// With nobody subscribed there is nothing to wait for. The internal events wait in RabbitMQ meanwhile, durable.
/// </summary>
public sealed partial class TranslationPace(PartnersDbContext db, TimeProvider time, IOptions<PartnersOptions> options, ILogger<TranslationPace> logger)
{
    private static readonly TimeSpan Look = TimeSpan.FromMilliseconds(50);

    /// <summary>Under a sustained backlog every batch gives up waiting: the warning is written at most once a minute.</summary>
    private static readonly WarningThrottle GaveUpWarning = new(TimeSpan.FromMinutes(1));

    public async Task WaitForDeliveryAsync(CancellationToken cancellationToken)
    {
        var (limit, most) = (options.Value.TranslationPauseBacklog, options.Value.TranslationPauseLimit);
        var started = time.GetTimestamp();
        while (limit > 0 && await TypicalBacklogAsync(limit + 1, cancellationToken) > limit)
        {
            if (time.GetElapsedTime(started) >= most)
            {
                if (GaveUpWarning.Occurred(time.GetUtcNow(), out var batches))
                {
                    LogGaveUpWaiting(most.TotalSeconds, limit, batches);
                }

                return;
            }

            await Task.Delay(Look, time, cancellationToken);
        }
    }

    /// <summary>The median healthy endpoint's deliveries due and not in flight, counted up to <paramref name="countTo"/>.</summary>
    private Task<int> TypicalBacklogAsync(int countTo, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.Database.SqlQuery<int>($"""
            SELECT coalesce(percentile_disc(0.5) WITHIN GROUP (ORDER BY backlog.due), 0)::int AS "Value"
            FROM webhook_endpoints e
            CROSS JOIN LATERAL (
                SELECT count(*) AS due FROM (
                    SELECT 1 FROM webhook_deliveries d
                    WHERE d.endpoint_id = e.id AND d.status = 'pending' AND d.next_attempt_at <= {now}
                    LIMIT {countTo}) waiting) backlog
            WHERE e.enabled AND e.failing_since IS NULL
            """).SingleAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Translated on after waiting {Seconds} s for webhook delivery: the typical subscriber still has more than {Limit} deliveries waiting ({Batches} batch(es) went on so since this was last written; it is written at most once a minute).")]
    private partial void LogGaveUpWaiting(double seconds, int limit, int batches);
}
