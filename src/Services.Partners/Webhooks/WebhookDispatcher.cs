using System.Collections.Concurrent;
using System.Threading.Channels;
using Community.Services.Partners.Data;
using Community.Services.Partners.PublicEvents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Partners.Webhooks;

/// <summary>
/// Sends due webhook deliveries. Each endpoint has at most <see cref="WebhookOptions.MaxInFlightPerEndpoint"/> in flight
/// from each instance (a claim takes only its free slots; with two replicas a partner may see twice as many at once), so a
/// slow or dead endpoint ties up its own slots and never delays the others. A claim is a lease (the due time moves past the attempt's timeout), so several instances share the work and
/// a delivery claimed by an instance that died is sent again once the lease runs out: at least once, never lost.
/// Outcomes are written in batches by <see cref="DeliveryOutcomes"/>.
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookSender sender, DeliveryOutcomes outcomes, DeliverySignals signals, TimeProvider time,
    IOptions<PartnersOptions> options, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<Guid, int> _busy = new();
    private int _inFlight;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writing = outcomes.RunAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await ClaimAsync(stoppingToken);
                foreach (var delivery in claimed)
                {
                    Interlocked.Increment(ref _inFlight);
                    _busy.AddOrUpdate(delivery.EndpointId, 1, (_, n) => n + 1);
                    _ = Task.Run(() => AttemptAsync(delivery, stoppingToken), CancellationToken.None);
                }

                if (claimed.Count == 0)
                {
                    await signals.Webhooks.WaitAsync(Poll, stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogClaimFailed(ex);
                await signals.Webhooks.WaitAsync(Poll, stoppingToken);
            }
        }

        await writing;
    }

    private async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(CancellationToken cancellationToken)
    {
        var webhooks = options.Value.Webhooks;
        var free = webhooks.MaxInFlight - Volatile.Read(ref _inFlight);
        if (free <= 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var cap = webhooks.MaxInFlightPerEndpoint;
        // Each endpoint may take as many more as it has free slots; gone endpoints none until their switching off is
        // written (then the database says so).
        var inFlight = _busy.Where(b => b.Value > 0).ToList();
        var gone = outcomes.GoneNotYetWritten.ToArray();
        var busyIds = inFlight.Select(b => b.Key).ToArray();
        var busyCounts = inFlight.Select(b => b.Value).ToArray();
        var lease = now + webhooks.AttemptTimeout + TimeSpan.FromSeconds(30);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        var claimed = await db.Database.SqlQuery<ClaimRow>($"""
            WITH busy AS (SELECT * FROM unnest({busyIds}, {busyCounts}) AS b(endpoint_id, in_flight)),
            due AS (
                SELECT c.id FROM webhook_endpoints e
                LEFT JOIN busy b ON b.endpoint_id = e.id
                CROSS JOIN LATERAL (
                    SELECT d.id, d.next_attempt_at FROM webhook_deliveries d
                    WHERE d.endpoint_id = e.id AND d.status = 'pending' AND d.next_attempt_at <= {now}
                    ORDER BY d.next_attempt_at
                    LIMIT greatest(0, {cap} - coalesce(b.in_flight, 0))
                    FOR UPDATE SKIP LOCKED) c
                WHERE e.enabled AND NOT (e.id = ANY({gone})) AND coalesce(b.in_flight, 0) < {cap}
                ORDER BY c.next_attempt_at
                LIMIT {free})
            UPDATE webhook_deliveries d SET next_attempt_at = {lease}
            FROM due WHERE d.id = due.id
            RETURNING d.id, d.endpoint_id, d.event_id, d.attempts, d.give_up_at
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return [];
        }

        var endpointIds = claimed.Select(c => c.EndpointId).Distinct().ToList();
        var eventIds = claimed.Select(c => c.EventId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var envelopes = await db.PublicEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Envelope }).ToDictionaryAsync(e => e.Id, e => e.Envelope, cancellationToken);
        // An endpoint deleted (or an event forgotten) since the claim: nothing left to send.
        return claimed.Where(c => endpoints.ContainsKey(c.EndpointId) && envelopes.ContainsKey(c.EventId))
            .Select(c => new ClaimedDelivery(c.Id, c.EndpointId, c.EventId, c.Attempts, c.GiveUpAt, lease,
                endpoints[c.EndpointId].Url, endpoints[c.EndpointId].SigningSecrets(now), envelopes[c.EventId])).ToList();
    }

    private async Task AttemptAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            var at = time.GetUtcNow();
            var result = await sender.SendAsync(delivery.Url, delivery.Secrets, delivery.EventId, delivery.Envelope, at, cancellationToken);
            var (verdict, next) = RetrySchedule.Decide(result.StatusCode, delivery.Attempts, time.GetUtcNow(), delivery.GiveUpAt,
                options.Value.Webhooks, Random.Shared.NextDouble());
            if (verdict != AttemptVerdict.Delivered)
            {
                LogAttemptFailed(delivery.EventId, delivery.EndpointId, result.StatusCode, result.Error, verdict);
            }

            outcomes.Add(new DeliveryOutcome(delivery.Id, delivery.EndpointId, at, result, verdict, next, delivery.Lease));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Left claimed: the lease runs out and the delivery is tried again.
            LogAttemptCrashed(delivery.EventId, delivery.EndpointId, ex);
        }
        finally
        {
            _busy.AddOrUpdate(delivery.EndpointId, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref _inFlight);
            signals.Webhooks.Wake();
        }
    }

    private sealed record ClaimRow(Guid Id, Guid EndpointId, Guid EventId, int Attempts, DateTimeOffset GiveUpAt);

    private sealed record ClaimedDelivery(
        Guid Id, Guid EndpointId, Guid EventId, int Attempts, DateTimeOffset GiveUpAt, DateTimeOffset Lease, string Url, IReadOnlyList<string> Secrets, string Envelope);

    [LoggerMessage(Level = LogLevel.Error, Message = "Claiming webhook deliveries failed; the next pass tries again.")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery of event {EventId} to endpoint {EndpointId} failed ({StatusCode}, {Error}): {Verdict}.")]
    private partial void LogAttemptFailed(Guid eventId, Guid endpointId, int? statusCode, string? error, AttemptVerdict verdict);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery of event {EventId} to endpoint {EndpointId} crashed; it is retried when its lease runs out.")]
    private partial void LogAttemptCrashed(Guid eventId, Guid endpointId, Exception exception);
}

/// <summary>One attempt's outcome, waiting to be written.</summary>
/// <param name="Lease">The due time the claim set: the outcome applies only while the delivery still holds it (not re-armed by a redelivery meanwhile).</param>
public sealed record DeliveryOutcome(
    Guid DeliveryId, Guid EndpointId, DateTimeOffset AttemptedAt, AttemptResult Result, AttemptVerdict Verdict, DateTimeOffset? NextAttemptAt, DateTimeOffset Lease);
