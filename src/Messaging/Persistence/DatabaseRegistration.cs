using Community.Messaging.Outbox;
using Community.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Community.Messaging.Persistence;

public static class DatabaseRegistration
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

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
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetRequiredService<OutboxSignalInterceptor>()));

        // Transactions are ours (outbox and inbox), so EF's retrying strategy stays off; MassTransit retries consumers.
        builder.EnrichNpgsqlDbContext<TContext>(settings => settings.DisableRetry = true);

        builder.AddMigrationsAndConflicts<TContext>();
        return builder;
    }
}
