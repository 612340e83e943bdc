using Community.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Community.Messaging.Persistence;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers the service's DbContext on PostgreSQL (snake_case names, outbox signal), Aspire's health
    /// check and tracing for it, and the start-up step that applies its migrations before the service
    /// reports ready.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext, IMessagingDbContext
    {
        var configured = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: run the service through the AppHost, or set ConnectionStrings__{connectionName}.");

        // Our queries are short and frequent; PostgreSQL's JIT compiler costs tens of milliseconds per larger
        // query and pays off only for long analytical ones, so it is off unless the connection string says otherwise.
        var connection = new NpgsqlConnectionStringBuilder(configured);
        if (string.IsNullOrEmpty(connection.Options))
        {
            connection.Options = "-c jit=off";
        }

        var connectionString = connection.ConnectionString;

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSignalInterceptor>();
        builder.Services.AddDbContextPool<TContext>((services, options) => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetRequiredService<OutboxSignalInterceptor>()));

        // Transactions are ours (outbox and inbox), so EF's retrying strategy stays off; MassTransit retries consumers.
        builder.EnrichNpgsqlDbContext<TContext>(settings => settings.DisableRetry = true);

        builder.Services.AddHostedService<MigrationRunner<TContext>>();
        builder.Services.AddExceptionHandler<DatabaseConflictHandler>();
        return builder;
    }
}

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
