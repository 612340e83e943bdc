using System.Collections.Concurrent;
using System.Threading.Channels;
using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Services.Partners.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Partners.Webhooks;

/// <summary>
/// Writes attempts' outcomes in batches (one transaction for many, so thousands of deliveries a minute cost few round
/// trips): each attempt kept, each delivery moved on, each endpoint's health updated — and an endpoint that answered
/// 410 Gone, or has failed without a success for five days, switched off with a <see cref="WebhookEndpointDisabled"/>
/// event so its people are told. A batch that cannot be written is dropped after a few tries: its deliveries are still
/// leased, and are sent again when the lease runs out.
/// </summary>
public sealed partial class DeliveryOutcomes(IServiceScopeFactory scopes, TimeProvider time, IOptions<PartnersOptions> options, ILogger<DeliveryOutcomes> logger)
{
    private const int BatchSize = 500;
    private readonly Channel<DeliveryOutcome> _pending = Channel.CreateUnbounded<DeliveryOutcome>(new UnboundedChannelOptions { SingleReader = true });

    private readonly ConcurrentDictionary<Guid, bool> _gone = new();

    /// <summary>Endpoints that answered 410 whose switching off is not written yet: not to be claimed meanwhile.</summary>
    public ICollection<Guid> GoneNotYetWritten => _gone.Keys;

    public void Add(DeliveryOutcome outcome)
    {
        if (outcome.Verdict == AttemptVerdict.EndpointGone)
        {
            _gone[outcome.EndpointId] = true;
        }

        _pending.Writer.TryWrite(outcome);
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var batch = new List<DeliveryOutcome>(BatchSize);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < BatchSize && _pending.Reader.TryRead(out var outcome))
                {
                    batch.Add(outcome);
                }

                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await WriteAsync(batch, stoppingToken);
                        ForgetGone(batch);
                        break;
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested && attempt < 5)
                    {
                        LogWriteFailed(batch.Count, attempt, ex);
                        await Task.Delay(TimeSpan.FromSeconds(attempt), time, stoppingToken);
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                    {
                        LogBatchDropped(batch.Count, ex);
                        ForgetGone(batch);
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void ForgetGone(IEnumerable<DeliveryOutcome> batch)
    {
        foreach (var outcome in batch.Where(o => o.Verdict == AttemptVerdict.EndpointGone))
        {
            _gone.TryRemove(outcome.EndpointId, out _);
        }
    }

    private async Task WriteAsync(IReadOnlyList<DeliveryOutcome> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var ids = batch.Select(o => o.DeliveryId).ToArray();
        var at = batch.Select(o => o.AttemptedAt).ToArray();
        var codes = batch.Select(o => o.Result.StatusCode).ToArray();
        var durations = batch.Select(o => o.Result.DurationMs).ToArray();
        var errors = batch.Select(o => o.Result.Error).ToArray();
        var statuses = batch.Select(o => o.Verdict switch
        {
            AttemptVerdict.Delivered => WebhookDelivery.Delivered,
            AttemptVerdict.GiveUp => WebhookDelivery.Failed,
            _ => WebhookDelivery.Pending,
        }).ToArray();
        // A delivery to an endpoint that is gone waits (due at once) in case the partner switches the endpoint on again.
        var next = batch.Select(o => o.NextAttemptAt ?? o.AttemptedAt).ToArray();
        var leases = batch.Select(o => o.Lease).ToArray();

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO webhook_delivery_attempts (delivery_id, attempted_at, status_code, duration_ms, error)
            SELECT o.* FROM unnest({ids}, {at}, {codes}, {durations}, {errors}) AS o(delivery_id, attempted_at, status_code, duration_ms, error)
            WHERE EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.id = o.delivery_id)
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE webhook_deliveries d
            SET status = o.status, attempts = d.attempts + 1, next_attempt_at = o.next_at, last_status_code = o.code,
                delivered_at = CASE WHEN o.status = 'delivered' THEN o.at ELSE d.delivered_at END
            FROM unnest({ids}, {statuses}, {next}, {codes}, {at}, {leases}) AS o(id, status, next_at, code, at, lease)
            WHERE d.id = o.id AND d.status = 'pending' AND d.next_attempt_at = o.lease
            """, cancellationToken);

        // Each endpoint's health by its latest outcome in the batch.
        var latest = batch.GroupBy(o => o.EndpointId).Select(g => g.MaxBy(o => o.AttemptedAt)!).ToList();
        var healthy = latest.Where(o => o.Verdict == AttemptVerdict.Delivered).Select(o => o.EndpointId).ToArray();
        var failing = latest.Where(o => o.Verdict != AttemptVerdict.Delivered).Select(o => o.EndpointId).ToArray();
        var gone = batch.Where(o => o.Verdict == AttemptVerdict.EndpointGone).Select(o => o.EndpointId).Distinct().ToList();
        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ANY({healthy}) AND failing_since IS NOT NULL", cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE webhook_endpoints SET failing_since = {now} WHERE id = ANY({failing}) AND failing_since IS NULL", cancellationToken);

        var failingSince = now - options.Value.Webhooks.DisableAfterFailingFor;
        var failedTooLong = await db.WebhookEndpoints.Where(e => failing.Contains(e.Id) && e.Enabled && e.FailingSince <= failingSince)
            .Select(e => e.Id).ToListAsync(cancellationToken);
        await DisableAsync(db, gone, "answered 410 Gone", now, cancellationToken);
        await DisableAsync(db, failedTooLong.Except(gone).ToList(),
            $"failed for {options.Value.Webhooks.DisableAfterFailingFor.TotalDays:0.#} days without a success", now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task DisableAsync(PartnersDbContext db, IReadOnlyList<Guid> endpointIds, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var endpointId in endpointIds)
        {
            // Only the pass that switches it off tells anyone.
            var switchedOff = await db.WebhookEndpoints.Where(e => e.Id == endpointId && e.Enabled)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.Enabled, false).SetProperty(e => e.DisabledAt, now).SetProperty(e => e.DisabledReason, reason), cancellationToken);
            if (switchedOff == 0)
            {
                continue;
            }

            var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == endpointId, cancellationToken);
            var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == endpoint.OrganisationId, cancellationToken);
            var contacts = await db.OrganisationMembers.Where(m => m.OrganisationId == organisation.Id).Select(m => m.AccountId).ToListAsync(cancellationToken);
            db.AddEvent(new WebhookEndpointDisabled(endpoint.Id, organisation.Id, organisation.Name, new Uri(endpoint.Url).Host, reason, contacts, now), now);
            LogDisabled(endpoint.Id, organisation.Id, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} webhook outcomes failed (try {Attempt}); trying again.")]
    private partial void LogWriteFailed(int count, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped {Count} webhook outcomes; their deliveries are sent again when their leases run out.")]
    private partial void LogBatchDropped(int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} of organisation {OrganisationId} switched off: {Reason}.")]
    private partial void LogDisabled(Guid endpointId, Guid organisationId, string reason);
}
