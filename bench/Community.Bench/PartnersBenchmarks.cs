using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.Testing;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Community.Bench;

/// <summary>
/// The issue's fan-out: 1,000 public events to 20 webhook subscribers (local HTTP listeners), one of which answers after
/// 5 s and one always 500, and to 20 AMQP subscribers (queues of a partner's own user, read by real consumers). Measured:
/// when the 18 healthy webhook subscribers have all 1,000, event-to-delivery p50/p99 (delivery received minus the public
/// event's creation in Partners), and the same for AMQP. Baseline in the same run: the 1,000 internal events committed
/// into Activities' outbox until Partners has created the 1,000 public events (relay, broker, translation).
/// </summary>
internal static class PartnersBenchmarks
{
    private const int Events = 1000;
    private const int Subscribers = 20;
    private const string Type = "cn.community.activity.scheduled";

    public static async Task FanOutAsync(SystemUnderTest system)
    {
        await system.App.ResourceNotifications.WaitForResourceHealthyAsync("partners");
        var staff = await system.ClientAsync("gateway", Roles.StationStaff);
        var organisation = await Json(await staff.PostAsJsonAsync("/api/partners/organisations", new
        {
            name = $"基准测试单位{Guid.NewGuid():N}"[..14], kind = "company", contactName = "测试", contactPhone = "13912345678",
        }));
        var organisationId = organisation.GetProperty("id").GetGuid();
        (await staff.PostAsync($"/api/partners/organisations/{organisationId}/approve", null)).EnsureSuccessStatusCode();
        var client = await Json(await staff.PostAsJsonAsync("/api/identity/partner-clients", new { name = "bench partner", organisationId }));
        var tokens = await OidcSignIn.ClientCredentialsAsync(system.Client("gateway", null), client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!);
        var partner = system.Client("gateway", tokens.AccessToken);

        await using var activitiesDb = NpgsqlDataSource.Create(await system.ConnectionStringAsync("activitiesdb"));
        await using var partnersDb = NpgsqlDataSource.Create(await system.ConnectionStringAsync("partnersdb"));

        // Baseline: the same 1,000 events with nobody subscribed (relay, broker, translation into public events only).
        var alone = await CommitAndTranslateAsync(activitiesDb, partnersDb);

        // 18 healthy listeners, one that answers after 5 s, one that always answers 500.
        var receivers = new List<WebhookReceiver>();
        for (var i = 0; i < Subscribers; i++)
        {
            receivers.Add(await WebhookReceiver.StartAsync(status: i == Subscribers - 1 ? 500 : 200, delay: i == Subscribers - 2 ? TimeSpan.FromSeconds(5) : null));
            (await partner.PostAsJsonAsync("/api/partners/webhooks", new { url = receivers[^1].Url, types = new[] { Type } })).EnsureSuccessStatusCode();
        }

        var healthy = receivers.Take(Subscribers - 2).ToList();

        // 20 AMQP subscribers: the partner's own queues, each read by a consumer.
        var credentials = await Json(await partner.PostAsync("/api/partners/organisations/mine/amqp-credentials", null));
        await using var connection = await new ConnectionFactory
        {
            HostName = credentials.GetProperty("host").GetString()!, Port = credentials.GetProperty("port").GetInt32(),
            VirtualHost = credentials.GetProperty("virtualHost").GetString()!, UserName = credentials.GetProperty("username").GetString()!,
            Password = credentials.GetProperty("password").GetString()!,
        }.CreateConnectionAsync();
        var amqpReceived = new ConcurrentBag<(string Id, DateTimeOffset At)>();
        var channels = new List<IChannel>();
        for (var i = 0; i < Subscribers; i++)
        {
            var channel = await connection.CreateChannelAsync();
            channels.Add(channel);
            var queue = $"{credentials.GetProperty("queuePrefix").GetString()}bench-{i}";
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await channel.QueueBindAsync(queue, credentials.GetProperty("exchange").GetString()!, Type);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) =>
            {
                amqpReceived.Add((delivery.BasicProperties.MessageId!, DateTimeOffset.UtcNow));
                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        }

        var cpu = new CpuMeter();
        var clock = Stopwatch.StartNew();
        var translated = await CommitAndTranslateAsync(activitiesDb, partnersDb);
        await WaitForAsync(() => Task.FromResult(healthy.All(r => r.Received.Count >= Events)), TimeSpan.FromMinutes(5), "the healthy webhook subscribers");
        var webhooksDone = clock.Elapsed;
        await WaitForAsync(() => Task.FromResult(amqpReceived.Count >= Events * Subscribers), TimeSpan.FromMinutes(5), "the AMQP subscribers");
        var amqpDone = clock.Elapsed;
        cpu.Print("the fan-out");

        // Event-to-delivery: each delivery's arrival minus its public event's creation.
        var created = new Dictionary<string, DateTimeOffset>();
        await using (var query = partnersDb.CreateCommand($"SELECT id::text, created_at FROM public_events WHERE type = '{Type}'"))
        await using (var reader = await query.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                created[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }

        var webhookLatencies = healthy.SelectMany(r => r.Received).Select(d => (d.At - created[d.Id]).TotalMilliseconds).Order().ToList();
        var amqpLatencies = amqpReceived.Select(d => (d.At - created[d.Id]).TotalMilliseconds).Order().ToList();
        var slow = receivers[^2];
        var failing = await ScalarAsync(partnersDb, "SELECT count(*) FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id " +
            $"JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE e.url = '{receivers[^1].Url}'");

        Console.WriteLine();
        Console.WriteLine($"Partners fan-out: {Events} public events ({Type}) to {Subscribers} webhook subscribers (1 answers after 5 s, 1 always 500) and {Subscribers} AMQP queues");
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| baseline: outbox commit → {Events} public events created, nobody subscribed | {alone.TotalSeconds:0.00} s |");
        Console.WriteLine($"| the same with the 40 subscribers being served | {translated.TotalSeconds:0.00} s (ratio {translated / alone:0.00}) |");
        Console.WriteLine($"| 18 healthy webhook subscribers have all {Events} (from the commit) | {webhooksDone.TotalSeconds:0.00} s (ratio to baseline {webhooksDone / alone:0.00}) |");
        Console.WriteLine($"| webhook event-to-delivery p50 / p99 / max (healthy, {webhookLatencies.Count} deliveries) | {Percentile(webhookLatencies, 50):0} / {Percentile(webhookLatencies, 99):0} / {webhookLatencies[^1]:0} ms |");
        Console.WriteLine($"| slow subscriber (5 s) had by then / failing (500) attempts by then | {slow.Received.Count} / {failing} |");
        Console.WriteLine($"| {Subscribers} AMQP subscribers have all {Events} (from the commit) | {amqpDone.TotalSeconds:0.00} s (ratio to baseline {amqpDone / alone:0.00}) |");
        Console.WriteLine($"| AMQP event-to-delivery p50 / p99 / max ({amqpLatencies.Count} deliveries) | {Percentile(amqpLatencies, 50):0} / {Percentile(amqpLatencies, 99):0} / {amqpLatencies[^1]:0} ms |");

        foreach (var channel in channels)
        {
            await channel.DisposeAsync();
        }

        foreach (var receiver in receivers)
        {
            await receiver.DisposeAsync();
        }
    }

    /// <summary>Commits the internal events into Activities' outbox and waits until Partners has made them public events.</summary>
    private static async Task<TimeSpan> CommitAndTranslateAsync(NpgsqlDataSource activitiesDb, NpgsqlDataSource partnersDb)
    {
        var before = await ScalarAsync(partnersDb, $"SELECT count(*) FROM public_events WHERE type = '{Type}'");
        var clock = Stopwatch.StartNew();
        await using (var insert = activitiesDb.CreateCommand($"""
            INSERT INTO outbox_messages (id, message_type, payload, created_at, attempts, next_attempt_at)
            SELECT gen_random_uuid(), 'Community.Contracts.SessionScheduled, Community.Contracts',
                   jsonb_build_object('sessionId', gen_random_uuid(), 'seriesId', gen_random_uuid(), 'venueId', gen_random_uuid(),
                                      'category', 'class', 'audience', 'everyone', 'startsAt', now() + interval '3 days',
                                      'endsAt', now() + interval '3 days 1 hour', 'capacity', 20, 'title', '基准 ' || n),
                   now(), 0, now()
            FROM generate_series(1, {Events}) AS n
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await WaitForAsync(async () => await ScalarAsync(partnersDb, $"SELECT count(*) FROM public_events WHERE type = '{Type}'") >= before + Events,
            TimeSpan.FromMinutes(5), "the public events");
        return clock.Elapsed;
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];

    private static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitForAsync(Func<Task<bool>> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
