using Community.ServiceDefaults.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Community.Messaging.Broker;

/// <summary>
/// Counts the messages in each consumer's <c>_error</c> queue every <see cref="MonitorOptions.ErrorQueuesEvery"/>
/// (a passive declare per queue) for the <c>community.error_queue.messages</c> gauge, and warns once when a queue
/// that was empty fills.
/// </summary>
public sealed partial class ErrorQueueMonitor(
    BrokerInspector broker, ConsumerQueues queues, ErrorQueueCounts counts, IOptions<MessagingOptions> options, TimeProvider time,
    ILogger<ErrorQueueMonitor> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => options.Value.Monitor.ErrorQueuesEvery;

    /// <summary>A reading, not work done (returns 0); the broker away is logged by <see cref="PeriodicJob"/> and the gauge keeps its last reading.</summary>
    protected override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await ReadAsync(cancellationToken);
        return 0;
    }

    public async Task<IReadOnlyDictionary<string, long>> ReadAsync(CancellationToken cancellationToken)
    {
        var reading = new Dictionary<string, long>(StringComparer.Ordinal);
        var states = await broker.InspectAsync(queues.Names.Select(ConsumerQueues.ErrorQueueOf), cancellationToken);
        foreach (var (errorQueue, state) in states)
        {
            var messages = state?.Messages ?? 0;
            reading[errorQueue] = messages;
            if (messages > 0 && counts.Latest.GetValueOrDefault(errorQueue) == 0)
            {
                LogErrorsParked(messages, errorQueue);
            }
        }

        counts.Latest = reading;
        return reading;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} message(s) parked in {ErrorQueue}: a consumer failed on them after every retry. See docs/operations.md, \"Messages land in _error\".")]
    private partial void LogErrorsParked(uint count, string errorQueue);
}
