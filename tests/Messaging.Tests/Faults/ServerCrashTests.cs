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
/// The servers crash, not stop: RabbitMQ and PostgreSQL are killed with SIGKILL (the server and every worker under it)
/// in the middle of a stream of volunteer registrations, and started again. The client keeps a ledger of every write
/// the service acknowledged; afterwards the databases are compared with it — nothing acknowledged is lost, nothing is
/// half-written, and every event is applied once.
/// </summary>
public sealed class ServerCrashTests
{
    [Fact]
    public async Task RabbitMQ_killed_mid_stream_and_back_ten_seconds_later_every_acknowledged_registration_reaches_grid_once()
    {
        var postgres = (await SharedInfrastructure.GetAsync()).Postgres;
        await using var rabbit = await RabbitMqNode.StartAsync();
        await using var flow = await VolunteerFlow.StartAsync(postgres, rabbit.ConnectionString);
        await using var stream = new RegistrationStream(flow);

        await stream.UntilAcknowledgedAsync(20);
        rabbit.Kill();
        var atCrash = stream.Acknowledged.Count;
        await Task.Delay(TimeSpan.FromSeconds(10));
        // Writes go on while the broker is dead: each commits with its event in the outbox.
        Assert.True(stream.Acknowledged.Count > atCrash, "registrations were acknowledged while the broker was down");
        await rabbit.StartAgainAsync();
        await stream.UntilAcknowledgedAsync(stream.Acknowledged.Count + 20);
        await stream.StopAsync();

        Assert.Empty(stream.Refused);
        var acknowledged = stream.Acknowledged.ToHashSet();
        await Eventually.True(async () => (await GridCountsAsync(flow, acknowledged)).Known == acknowledged.Count,
            TimeSpan.FromSeconds(120), "Grid to know every acknowledged volunteer");
        await AppliedOnceAsync(flow, acknowledged);
    }

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
        await Eventually.True(async () => (await GridCountsAsync(flow, saved)).Known == saved.Count,
            TimeSpan.FromSeconds(120), "Grid to know every saved volunteer");
        await AppliedOnceAsync(flow, saved);
    }

    private static Task<(int Known, int Inbox)> GridCountsAsync(VolunteerFlow flow, IReadOnlySet<Guid> volunteers) => flow.Grid.WithScope(async services =>
    {
        var db = services.GetRequiredService<GridDbContext>();
        return (await db.KnownVolunteers.CountAsync(v => volunteers.Contains(v.VolunteerId)),
            await db.InboxMessages.CountAsync(m => m.Consumer == "VolunteerRegisteredConsumer"));
    });

    /// <summary>Every published VolunteerRegistered was recorded once by Grid's inbox, and each volunteer is one row.</summary>
    private static async Task AppliedOnceAsync(VolunteerFlow flow, IReadOnlySet<Guid> volunteers)
    {
        var published = await Eventually.Get(async () =>
        {
            var (pending, count) = await flow.Volunteers.WithScope(async services =>
            {
                var outbox = services.GetRequiredService<VolunteersDbContext>().OutboxMessages.Where(m => m.MessageType.Contains("VolunteerRegistered"));
                return (await outbox.CountAsync(m => m.PublishedAt == null), await outbox.CountAsync());
            });
            return pending == 0 ? (int?)count : null;
        }, TimeSpan.FromSeconds(60), "the outbox to be empty");
        var (known, inbox) = await GridCountsAsync(flow, volunteers);
        Assert.Equal(volunteers.Count, known);
        Assert.Equal(published, inbox);
    }

    /// <summary>Two clients registering volunteers one after another until stopped, keeping what was acknowledged and what was refused.</summary>
    private sealed class RegistrationStream : IAsyncDisposable
    {
        private static int _phoneSeed = Random.Shared.Next(10_000_000, 90_000_000);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Task> _writers;

        public RegistrationStream(VolunteerFlow flow)
        {
            _writers = Enumerable.Range(0, 2).Select(writer => Task.Run(async () =>
            {
                var client = flow.Volunteers.ClientAs(Roles.StationStaff);
                for (var i = 0; !_stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        using var response = await client.PostAsJsonAsync("/volunteers", new
                        {
                            displayName = $"志愿者{writer}-{i}",
                            phone = $"136{Interlocked.Increment(ref _phoneSeed):D8}",
                            kind = "resident-volunteer",
                            birthDate = "1970-05-01",
                        });
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            Acknowledged.Enqueue((await response.Content.ReadFromJsonAsync<VolunteerDto>())!.Id);
                        }
                        else
                        {
                            Refused.Enqueue(new Refusal(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter));
                            await Task.Delay(200);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        Refused.Enqueue(new Refusal(0, null, null));
                    }

                    await Task.Delay(50);
                }
            })).ToList();
        }

        public ConcurrentQueue<Guid> Acknowledged { get; } = new();

        public ConcurrentQueue<Refusal> Refused { get; } = new();

        public Task UntilAcknowledgedAsync(int count) => Eventually.True(() => Task.FromResult(Acknowledged.Count >= count),
            TimeSpan.FromSeconds(90), $"{count} registrations to be acknowledged");

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_writers);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }
    }

    private sealed record Refusal(HttpStatusCode Status, string? MediaType, System.Net.Http.Headers.RetryConditionHeaderValue? RetryAfter);
}
