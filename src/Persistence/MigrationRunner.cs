using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Community.Persistence;

/// <summary>
/// Applies pending migrations at start-up. It runs before the web server starts listening, so the service
/// never answers — nor reports healthy — on an old schema. The database may still be starting: retry.
/// </summary>
internal sealed partial class MigrationRunner<TContext>(IServiceProvider services, ILogger<MigrationRunner<TContext>> logger)
    : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                await db.Database.MigrateAsync(cancellationToken);
                LogMigrated(typeof(TContext).Name, pending.Count);
                return;
            }
            catch (NpgsqlException ex) when (attempt < 30 && ex.IsTransient)
            {
                LogWaiting(typeof(TContext).Name, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Context}: database schema is current ({Applied} migrations applied now).")]
    private partial void LogMigrated(string context, int applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Context}: database not reachable yet (attempt {Attempt}): {Reason}")]
    private partial void LogWaiting(string context, int attempt, string reason);
}
