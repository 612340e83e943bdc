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
                // Several instances of a service start together: one migrates (creating the database if need be) while
                // the others wait, then find nothing pending.
                await using var gate = await MigrationGateAsync((NpgsqlConnection)db.Database.GetDbConnection(), cancellationToken);
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
            catch (PostgresException ex) when (attempt < 30 && ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
            {
                // Another instance migrated at the same moment without the gate (it could not take it): look again.
                LogWaiting(typeof(TContext).Name, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A session advisory lock named after the service's database, taken on the server's maintenance database (the
    /// service's own may not exist yet) and held until disposed. Where that database cannot be reached (a managed
    /// server that refuses it), no gate: the duplicate-object retry above covers the race.
    /// </summary>
    private async Task<IAsyncDisposable?> MigrationGateAsync(NpgsqlConnection own, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(own.ConnectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(own.ConnectionString) { Database = "postgres", Pooling = false };
        // A clone keeps the password, which an opened connection's string no longer shows.
        var gate = own.CloneWith(maintenance.ConnectionString);
        try
        {
            await gate.OpenAsync(cancellationToken);
            await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@name, 0))", gate);
            tryLock.Parameters.AddWithValue("name", $"migrate:{target.Database}");
            if (await tryLock.ExecuteScalarAsync(cancellationToken) is not true)
            {
                // Said, so a start that seems to hang shows what it waits for.
                LogWaitingForOtherInstance(typeof(TContext).Name);
                await using var waitForLock = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended(@name, 0))", gate);
                waitForLock.Parameters.AddWithValue("name", $"migrate:{target.Database}");
                await waitForLock.ExecuteNonQueryAsync(cancellationToken);
            }

            return gate;
        }
        catch (PostgresException ex) when (!ex.IsTransient)
        {
            LogNoGate(typeof(TContext).Name, ex.Message);
            await gate.DisposeAsync();
            return null;
        }
        catch
        {
            await gate.DisposeAsync();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Context}: another instance is migrating the database; waiting for it to finish.")]
    private partial void LogWaitingForOtherInstance(string context);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Context}: migrating without waiting for other instances ({Reason}).")]
    private partial void LogNoGate(string context, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Context}: database schema is current ({Applied} migrations applied now).")]
    private partial void LogMigrated(string context, int applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Context}: database not reachable yet (attempt {Attempt}): {Reason}")]
    private partial void LogWaiting(string context, int attempt, string reason);
}
