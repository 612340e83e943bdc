using Community.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Community.Messaging.Outbox;

/// <summary>
/// Degraded when the oldest unpublished event has waited longer than <see cref="MonitorOptions.OutboxStuckAfter"/>:
/// the service still takes requests (events wait safely), but nothing it writes reaches the others.
/// </summary>
public sealed class OutboxHealthCheck<TContext>(TContext db, OutboxBacklog backlog, IOptions<MessagingOptions> options, TimeProvider time) : IHealthCheck
    where TContext : DbContext, IMessagingDbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var threshold = options.Value.Monitor.OutboxStuckAfter;
        var reading = await backlog.ReadAsync(db, time.GetUtcNow(), cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["pending"] = reading.Pending,
            ["oldestAgeSeconds"] = Math.Round(reading.OldestAge.TotalSeconds),
        };
        return reading.OldestAge > threshold
            ? HealthCheckResult.Degraded(
                $"Outbox stuck: {reading.Pending} event(s) unpublished, the oldest for {Describe(reading.OldestAge)} (threshold {Describe(threshold)}). " +
                "Is the broker reachable? See docs/operations.md, \"The outbox backlog grows\".", data: data)
            : HealthCheckResult.Healthy($"{reading.Pending} event(s) waiting to be published.", data);
    }

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0} s";
}
