using Community.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Community.Messaging.Outbox;

/// <summary>
/// Reads the outbox backlog every <see cref="MonitorOptions.OutboxEvery"/> for the gauges. It runs outside any
/// trace: a look that finds nothing to do adds nothing to the trace list.
/// </summary>
public sealed partial class OutboxMonitor<TContext>(
    IServiceScopeFactory scopes, OutboxBacklog backlog, IOptions<MessagingOptions> options, TimeProvider time, ILogger<OutboxMonitor<TContext>> logger)
    : BackgroundService
    where TContext : DbContext, IMessagingDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.Monitor.OutboxEvery, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await backlog.ReadAsync(scope.ServiceProvider.GetRequiredService<TContext>(), time.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database's own health check says why; this only keeps the last reading.
                LogReadFailed(ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read the outbox backlog: {Error}")]
    private partial void LogReadFailed(string error);
}
