using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Community.Messaging.Broker;

/// <summary>
/// Each consumer's queue exists on the broker and this service reads it (at least one consumer): events sent to the
/// service arrive. Unhealthy when the broker cannot be reached or a queue is not read; the messages parked in
/// <c>_error</c> queues are reported beside it.
/// </summary>
public sealed class ConsumerQueuesHealthCheck(BrokerInspector broker, ConsumerQueues queues) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var names = queues.Names;
        if (names.Count == 0)
        {
            return HealthCheckResult.Healthy("This service consumes no messages.");
        }

        var notRead = new List<string>();
        var data = new Dictionary<string, object>();
        try
        {
            var states = await broker.InspectAsync(names.SelectMany(q => new[] { q, ConsumerQueues.ErrorQueueOf(q) }), cancellationToken);
            foreach (var queue in names)
            {
                if (states[queue] is not { Consumers: > 0 })
                {
                    notRead.Add(states[queue] is null ? $"{queue} (missing)" : $"{queue} (no consumer)");
                }

                if (states[ConsumerQueues.ErrorQueueOf(queue)] is { Messages: > 0 } errors)
                {
                    data[ConsumerQueues.ErrorQueueOf(queue)] = errors.Messages;
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The broker cannot be reached: {ex.Message}", ex);
        }

        if (notRead.Count > 0)
        {
            return HealthCheckResult.Unhealthy($"Queues not being read: {string.Join(", ", notRead)}.", data: data);
        }

        var parked = data.Count == 0 ? "" : $"; messages parked in {string.Join(", ", data.Select(d => $"{d.Key} ({d.Value})"))}";
        return HealthCheckResult.Healthy($"{names.Count} queue(s) bound and read{parked}.", data);
    }
}
