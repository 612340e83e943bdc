using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Community.ServiceDefaults.Auth;
using Community.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Community.EndToEnd.Tests;

/// <summary>
/// The system runs every back-end service twice (<c>Services:Replicas=2</c>, as this collection starts it). One replica of
/// Volunteers is killed with SIGKILL in the middle of a stream of registrations through the gateway: its twin goes on
/// answering and publishes what the dead one committed but had not published; the killed one is started again and
/// serves. A ledger of every registration the system acknowledged is compared with both databases afterwards.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ReplicaCrashTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_replica_killed_mid_stream_loses_no_acknowledged_registration_and_its_events_reach_grid_once()
    {
        // Four members of staff, each within the front door's per-account rate.
        var staff = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => fixture.SignedInAsync($"服务站小冯{i}", Roles.StationStaff)));
        var replicas = await fixture.ReplicasAsync("volunteers");
        Assert.Equal(2, replicas.Count);

        var phone = Random.Shared.Next(10_000_000, 90_000_000);
        var acknowledged = new ConcurrentQueue<Guid>();
        var failed = new ConcurrentQueue<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    await Task.Delay(80);
                    using var response = await staff[writer].Client.PostAsJsonAsync("/api/volunteers/volunteers", new
                    {
                        displayName = $"接力{writer}-{i}",
                        phone = $"135{Interlocked.Increment(ref phone):D8}",
                        kind = "resident-volunteer",
                        birthDate = "1972-03-01",
                    });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Enqueue((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                    }
                    else
                    {
                        failed.Enqueue(response.StatusCode);
                    }
                }
                catch (HttpRequestException)
                {
                    failed.Enqueue(0);
                }
            }
        })).ToList();

        await Eventually.True(() => Task.FromResult(acknowledged.Count >= 30), TimeSpan.FromSeconds(60), "30 registrations before the crash");
        var victim = replicas[0];
        Process.GetProcessById(victim.Pid).Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush, no goodbye
        var atCrash = acknowledged.Count;
        await Eventually.True(() => Task.FromResult(acknowledged.Count >= atCrash + 30), TimeSpan.FromSeconds(60), "the twin to go on acknowledging");
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        // With the killed replica still dead, its twin publishes every event the dead one committed and left behind
        // (its claimed rows' locks went with its connections).
        var ids = acknowledged.ToArray();
        Assert.All(failed, status => Assert.True(status is 0 or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable, $"refused with {status}"));
        var outbox = await Eventually.Get(async () =>
        {
            var rows = await OutboxAsync(ids);
            return rows.All(row => row.Published) ? rows : null;
        }, TimeSpan.FromSeconds(60), "every acknowledged registration's event published by the twin");
        Assert.Equal(ids.Length, outbox.Count(row => row.Published));

        // Started again, the killed replica serves like its twin.
        var started = await fixture.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(victim.ResourceId, "resource-start");
        Assert.True(started.Success, started.Message);
        // The endpoint spreads calls over both replicas: ten answered in a row means the restarted one answers too.
        await Eventually.True(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                using var response = await staff[0].Client.GetAsync("/api/volunteers/volunteers?pageSize=1");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromMinutes(2), "both replicas answering again");
        Assert.Equal(ids.Length, await CountAsync("volunteersdb", "SELECT count(*) FROM volunteers WHERE id = ANY(@ids)", ids));
        await Eventually.True(async () => await CountAsync("griddb", "SELECT count(*) FROM known_volunteers WHERE volunteer_id = ANY(@ids)", ids) == ids.Length,
            TimeSpan.FromSeconds(60), "Grid to know every acknowledged volunteer");
        // Each event applied once: one inbox row per published message, and none for a message that was never published.
        Assert.Equal(ids.Length, await CountAsync("griddb",
            "SELECT count(*) FROM inbox_messages WHERE consumer = 'VolunteerRegisteredConsumer' AND message_id = ANY(@ids)",
            [.. outbox.Select(row => row.MessageId)]));
    }

    /// <summary>The outbox rows of these volunteers' registrations: each message id and whether it was published.</summary>
    private async Task<List<(Guid MessageId, bool Published)>> OutboxAsync(Guid[] volunteers)
    {
        await using var connection = await OpenAsync("volunteersdb");
        await using var command = new NpgsqlCommand("""
            SELECT id, published_at IS NOT NULL FROM outbox_messages
            WHERE message_type LIKE '%VolunteerRegistered%' AND (payload::jsonb->>'volunteerId')::uuid = ANY(@ids)
            """, connection);
        command.Parameters.AddWithValue("ids", volunteers);
        var rows = new List<(Guid, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetBoolean(1)));
        }

        return rows;
    }

    private async Task<int> CountAsync(string database, string sql, Guid[] ids)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", ids);
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(await fixture.DatabaseConnectionStringAsync(database));
        await connection.OpenAsync();
        return connection;
    }
}
