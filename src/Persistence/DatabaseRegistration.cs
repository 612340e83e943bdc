using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Community.Persistence;

public static class PostgresDatabase
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>
    /// Registers a process's own DbContext on PostgreSQL (snake_case names), Aspire's health check and tracing
    /// for it, the start-up step that applies its migrations before the process reports ready, and 409 for a
    /// broken database rule no endpoint translated. <paramref name="configure"/> adds to the options (interceptors).
    /// </summary>
    public static IHostApplicationBuilder AddPostgresDatabase<TContext>(
        this IHostApplicationBuilder builder, string connectionName, Action<IServiceProvider, DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        var connectionString = ConnectionString(builder.Configuration, connectionName);
        builder.Services.AddDbContextPool<TContext>((services, options) =>
        {
            options
                .UseNpgsql(connectionString, npgsql => npgsql
                    .MigrationsHistoryTable(MigrationsHistoryTable)
                    .ConfigureDataSource(source => source.ConfigureTracing(TraceOnlyWithinWork)))
                .UseSnakeCaseNamingConvention();
            configure?.Invoke(services, options);
        });

        // Transactions are ours (outbox and inbox), so EF's retrying strategy stays off; MassTransit retries consumers.
        builder.EnrichNpgsqlDbContext<TContext>(settings => settings.DisableRetry = true);
        builder.AddMigrationsAndConflicts<TContext>();
        return builder;
    }

    /// <summary>
    /// A query is traced when it is part of something being traced (a request, a consumed message, an event being
    /// published); a background job's poll that runs outside any trace — and mostly finds nothing to do — adds
    /// no trace of its own, so the dashboard's trace list shows work, not the pollers' heartbeat.
    /// </summary>
    private static void TraceOnlyWithinWork(NpgsqlTracingOptionsBuilder tracing) => tracing
        .ConfigureCommandFilter(_ => Activity.Current is not null)
        .ConfigureBatchFilter(_ => Activity.Current is not null)
        .EnablePhysicalOpenTracing(false);

    /// <summary>Statements each connection keeps prepared (Npgsql's automatic preparation), unless the connection string says.</summary>
    public const int AutoPreparedStatements = 100;

    /// <summary>Connections a process opens to its database at most, unless the connection string says.</summary>
    public const int PoolSize = 20;

    /// <summary>Whether the connection string itself sets one of these keywords (Npgsql's builder cannot tell a default from a setting).</summary>
    private static bool Sets(string connectionString, params string[] keywords)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(given.ContainsKey);
    }

    /// <summary>
    /// The named connection string, with PostgreSQL's JIT off unless it sets options of its own, and statements prepared
    /// automatically unless it says otherwise (<c>Max Auto Prepare=0</c> turns it off).
    /// </summary>
    public static string ConnectionString(IConfiguration configuration, string connectionName)
    {
        var configured = configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: run the service through the AppHost, or set ConnectionStrings__{connectionName}.");

        // Our queries are short and frequent; PostgreSQL's JIT compiler costs tens of milliseconds per larger
        // query and pays off only for long analytical ones, so it is off unless the connection string says otherwise.
        var connection = new NpgsqlConnectionStringBuilder(configured);
        if (string.IsNullOrEmpty(connection.Options))
        {
            connection.Options = "-c jit=off";
        }

        // The same few statements run thousands of times (a registration storm is one statement 2,000 times): each
        // connection prepares the ones it has run twice, so PostgreSQL parses and plans them once, not every time.
        if (!Sets(configured, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            connection.MaxAutoPrepare = AutoPreparedStatements;
            connection.AutoPrepareMinUsages = 2;
        }

        if (!Sets(configured, "Maximum Pool Size", "Max Pool Size", "MaxPoolSize", "MaximumPoolSize"))
        {
            connection.MaxPoolSize = PoolSize;
        }

        return connection.ConnectionString;
    }
}

/// <summary>For <c>dotnet ef migrations add</c>: the same model as at run time; no database is contacted.</summary>
public abstract class ServiceDesignTimeFactory<TContext>(string database, Func<DbContextOptions<TContext>, TContext> create)
    : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) => create(
        new DbContextOptionsBuilder<TContext>()
            .UseNpgsql($"Host=localhost;Database={database}", npgsql => npgsql.MigrationsHistoryTable(PostgresDatabase.MigrationsHistoryTable))
            .UseSnakeCaseNamingConvention()
            .Options);
}
