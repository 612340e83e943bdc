using Community.Persistence;
using Community.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Community.Messaging.Tests.Faults;

/// <summary>
/// A process opens at most a bounded number of connections; a request that waits too long for one is a 503 with
/// <c>Retry-After</c> (nothing was written), not a 500.
/// </summary>
public sealed class ConnectionPoolTests
{
    [Fact]
    public async Task Services_connect_with_a_bounded_pool_and_prepared_statements_unless_their_connection_string_says()
    {
        var infrastructure = await SharedInfrastructure.GetAsync();
        var plain = infrastructure.Postgres.ConnectionString("postgres");
        var configured = new NpgsqlConnectionStringBuilder(PostgresDatabase.ConnectionString(Configuration(plain), "db"));
        Assert.Equal(PostgresDatabase.PoolSize, configured.MaxPoolSize);
        Assert.Equal(PostgresDatabase.AutoPreparedStatements, configured.MaxAutoPrepare);

        var own = new NpgsqlConnectionStringBuilder(PostgresDatabase.ConnectionString(Configuration($"{plain};Maximum Pool Size=7;Max Auto Prepare=0"), "db"));
        Assert.Equal(7, own.MaxPoolSize);
        Assert.Equal(0, own.MaxAutoPrepare);
        // Npgsql's other spellings of the keywords, any case, count as set too.
        var spelled = new NpgsqlConnectionStringBuilder(PostgresDatabase.ConnectionString(Configuration($"{plain};maxpoolsize=9;MAXAUTOPREPARE=3"), "db"));
        Assert.Equal((9, 3), (spelled.MaxPoolSize, spelled.MaxAutoPrepare));

        // Statements run twice are prepared on the server, as PostgreSQL itself reports.
        await using var source = NpgsqlDataSource.Create(configured.ConnectionString);
        await using var connection = await source.OpenConnectionAsync();
        for (var i = 0; i < 3; i++)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_class WHERE relname = $1", connection) { Parameters = { new() { Value = "pg_type" } } };
            await command.ExecuteScalarAsync();
        }

        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%relname = $1%'", connection);
        Assert.Equal(1L, await prepared.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Waiting_too_long_for_a_connection_counts_as_the_database_being_unavailable()
    {
        var infrastructure = await SharedInfrastructure.GetAsync();
        await using var source = NpgsqlDataSource.Create($"{infrastructure.Postgres.ConnectionString("postgres")};Maximum Pool Size=1;Timeout=1");
        await using var held = await source.OpenConnectionAsync();

        var exhausted = await Assert.ThrowsAnyAsync<Exception>(async () => await source.OpenConnectionAsync());

        Assert.Contains("exhausted", exhausted.Message);
        Assert.True(DatabaseUnavailableHandler.IsUnavailable(exhausted));
    }

    private static IConfiguration Configuration(string connectionString) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:db"] = connectionString }).Build();
}
