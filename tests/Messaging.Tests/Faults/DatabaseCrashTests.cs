using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Messaging.Tests.Faults;

/// <summary>
/// The servers crash, not stop: killed with SIGKILL (the server and every worker under it) in the middle of a stream of
/// volunteer registrations, and started again. The client keeps a ledger of every write the service acknowledged;
/// afterwards the databases are compared with it — nothing acknowledged is lost, nothing is half-written, and every
/// event is applied once. One class per server, so the two crash at the same time in a run.
/// </summary>
public sealed class DatabaseCrashTests
{
    [Fact]
    public async Task PostgreSQL_killed_mid_stream_answers_503_with_retry_after_meanwhile_loses_nothing_acknowledged_and_recovers_by_itself()
    {
        await using var postgres = await PostgresServer.StartAsync(durable: true);
        var broker = await (await SharedInfrastructure.GetAsync()).RabbitMq.NewVirtualHostAsync();
        // Grid shares the dead database: its consumer retries as in production (about 21 s in all) and rides the outage out.
        await using var flow = await VolunteerFlow.StartAsync(postgres, broker, new Dictionary<string, string?>
        {
            ["Messaging:RetryIntervalsMs:0"] = "200",
            ["Messaging:RetryIntervalsMs:1"] = "1000",
            ["Messaging:RetryIntervalsMs:2"] = "5000",
            ["Messaging:RetryIntervalsMs:3"] = "15000",
        });
        await using var stream = new RegistrationStream(flow);

        await stream.UntilAcknowledgedAsync(20);
        postgres.Kill();
        await Eventually.True(() => Task.FromResult(!stream.Refused.IsEmpty), TimeSpan.FromSeconds(30), "a request to meet the dead database");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await postgres.StartAgainAsync();
        // The services reconnect by themselves: the stream is acknowledged again.
        await stream.UntilAcknowledgedAsync(stream.Acknowledged.Count + 20);
        await stream.StopAsync();

        // Meanwhile every refusal was a 503 problem with Retry-After, never a 500.
        Assert.All(stream.Refused, refusal =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refusal.Status);
            Assert.Equal("application/problem+json", refusal.MediaType);
            Assert.NotNull(refusal.RetryAfter);
        });

        // Nothing half-written: every volunteer saved has its event, every event its volunteer; nothing acknowledged is missing.
        var acknowledged = stream.Acknowledged.ToHashSet();
        var (saved, announced) = await flow.Volunteers.WithScope(async services =>
        {
            var db = services.GetRequiredService<VolunteersDbContext>();
            var volunteers = await db.Volunteers.Select(v => v.Id).ToListAsync();
            var payloads = await db.OutboxMessages.Where(m => m.MessageType.Contains("VolunteerRegistered")).Select(m => m.Payload).ToListAsync();
            return (volunteers.ToHashSet(), volunteers.Where(id => payloads.Any(p => p.Contains(id.ToString()))).ToHashSet());
        });
        Assert.Subset(saved, acknowledged);
        Assert.Equal(saved, announced);

        // And every one saved (acknowledged or answered 503 after its commit) reaches Grid once.
        await Eventually.True(async () => (await CrashLedger.GridCountsAsync(flow, saved)).Known == saved.Count,
            TimeSpan.FromSeconds(120), "Grid to know every saved volunteer");
        await CrashLedger.AppliedOnceAsync(flow, saved);
    }
}
