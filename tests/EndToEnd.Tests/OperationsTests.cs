using System.Diagnostics;
using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Community.EndToEnd.Tests;

/// <summary>The dashboard's actions, run as the dashboard runs them: resource commands of the running AppHost.</summary>
[Collection(SystemCollection.Name)]
public sealed class OperationsTests(AppHostFixture fixture)
{
    private static readonly string[] Services = ["activities", "grid", "volunteers", "notices", "partners", "identity"];

    private ResourceCommandService Commands => fixture.App.Services.GetRequiredService<ResourceCommandService>();

    [Fact]
    public async Task Every_service_offers_the_event_flow_actions_and_each_answers_from_the_service()
    {
        foreach (var service in Services)
        {
            // A service run twice has its commands on each replica (the dashboard shows one row a replica); any will do.
            var replica = service == "identity" ? service : (await fixture.ReplicasAsync(service))[0].ResourceId;
            var backlog = await Commands.ExecuteCommandAsync(replica, "show-outbox-backlog");
            Assert.True(backlog.Success, $"{service}: {backlog.Message}");
            Assert.Matches(@"^\d+ event\(s\) pending\.$", backlog.Message);
            Assert.Contains("\"byType\"", backlog.Data?.Value);

            var publish = await Commands.ExecuteCommandAsync(replica, "publish-pending-events");
            Assert.True(publish.Success, $"{service}: {publish.Message}");

            var requeue = await Commands.ExecuteCommandAsync(replica, "requeue-error-messages");
            Assert.True(requeue.Success, $"{service}: {requeue.Message}");
            Assert.Matches(@"^\d+ message\(s\) moved back\.$", requeue.Message);
        }

        // A queue the service does not consume is the service's clear refusal, shown as the command's failure.
        var unknown = await Commands.ExecuteCommandAsync((await fixture.ReplicasAsync("grid"))[1].ResourceId, "requeue-error-messages",
            new InteractionInputCollection([new InteractionInput { Name = "queue", InputType = InputType.Text, Value = "grid-no-such-consumer" }]));
        Assert.False(unknown.Success);
        Assert.Contains("404", unknown.Message);
    }

    [Fact]
    public async Task The_operations_endpoints_are_not_reachable_through_the_gateway_even_with_the_key()
    {
        var key = await File.ReadAllTextAsync(Path.Combine(fixture.DataDirectory, "secrets", "operations-key"));
        using var client = new HttpClient { BaseAddress = fixture.Gateway };
        client.DefaultRequestHeaders.Add("X-Operations-Key", key.Trim());

        var response = await client.GetAsync("/api/grid/ops/outbox/backlog");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/partners/OPS/outbox/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/identity/ops/error-queues")).StatusCode);
    }

    [Fact]
    public async Task A_backup_from_the_dashboard_restores_into_a_fresh_database_with_the_same_row_counts()
    {
        var password = (await File.ReadAllTextAsync(Path.Combine(fixture.DataDirectory, "secrets", "postgres-password"))).Trim();

        // Counts taken around the backup that agree are the counts the backup holds (background jobs rarely write).
        Dictionary<string, long>? live = null;
        string? dump = null;
        for (var attempt = 0; attempt < 5 && dump is null; attempt++)
        {
            var before = await RowCountsAsync(await fixture.DatabaseConnectionStringAsync("griddb"));
            var result = await Commands.ExecuteCommandAsync("postgres", "backup-databases");
            Assert.True(result.Success, result.Message);
            Assert.Contains("pg_restore", result.Data?.Value);
            var after = await RowCountsAsync(await fixture.DatabaseConnectionStringAsync("griddb"));
            if (before.OrderBy(c => c.Key).SequenceEqual(after.OrderBy(c => c.Key)))
            {
                live = after;
                var folder = new DirectoryInfo(Path.Combine(fixture.DataDirectory, "backups")).GetDirectories().OrderBy(d => d.Name).Last();
                Assert.Contains(folder.FullName, result.Message);
                dump = Path.Combine(folder.FullName, "griddb.dump");
                Assert.All(new[] { "activitiesdb", "griddb", "volunteersdb", "identitydb", "noticesdb", "partnersdb" },
                    database => Assert.True(File.Exists(Path.Combine(folder.FullName, $"{database}.dump")), $"{database} backed up"));
            }
        }

        Assert.NotNull(dump);
        var fresh = $"restored_{Guid.NewGuid():N}"[..20];
        await using (var admin = new NpgsqlConnection(await fixture.DatabaseConnectionStringAsync("postgres")))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {fresh}", admin).ExecuteNonQueryAsync();
        }

        var restore = Process.Start(new ProcessStartInfo("/usr/lib/postgresql/15/bin/pg_restore",
            ["-h", "127.0.0.1", "-p", fixture.PostgresPort.ToString(), "-U", "postgres", "--no-owner", "-d", fresh, dump])
        {
            Environment = { ["PGPASSWORD"] = password },
            RedirectStandardError = true,
        })!;
        var errors = await restore.StandardError.ReadToEndAsync();
        await restore.WaitForExitAsync();
        Assert.True(restore.ExitCode == 0, errors);

        var restored = await RowCountsAsync(await fixture.DatabaseConnectionStringAsync(fresh));
        Assert.Equal(live!.OrderBy(c => c.Key), restored.OrderBy(c => c.Key));
        Assert.True(restored["__ef_migrations_history"] > 0, "the schema's history came back with the rows");
    }

    private static async Task<Dictionary<string, long>> RowCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }
}
