using Community.Messaging.Persistence;
using Community.ServiceDefaults.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Community.Messaging.Outbox;

/// <summary>
/// Reads the outbox backlog every <see cref="MonitorOptions.OutboxEvery"/> for the gauges. It runs outside any
/// trace: a look that finds nothing to do adds nothing to the trace list. A failed read (the database away) is logged
/// by <see cref="PeriodicJob"/>; the gauges keep the last reading and the database's health check says why.
/// </summary>
public sealed class OutboxMonitor<TContext>(
    IServiceScopeFactory scopes, OutboxBacklog backlog, IOptions<MessagingOptions> options, TimeProvider time, ILogger<OutboxMonitor<TContext>> logger)
    : PeriodicJob(time, logger)
    where TContext : DbContext, IMessagingDbContext
{
    protected override TimeSpan Interval => options.Value.Monitor.OutboxEvery;

    protected override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await backlog.ReadAsync(scope.ServiceProvider.GetRequiredService<TContext>(), Time.GetUtcNow(), cancellationToken);
        // A reading, not work done: nothing to log.
        return 0;
    }
}
