using System.Diagnostics;
using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Npgsql;

namespace Community.Bench;

/// <summary>Benchmarks of the platform itself: the gateway's cost and an event's way through the outbox and broker.</summary>
internal static class SystemBenchmarks
{
    public static async Task GatewayOverheadAsync(SystemUnderTest system)
    {
        var direct = await system.ClientAsync("grid", Roles.StationStaff);
        var gateway = await system.ClientAsync("gateway", Roles.StationStaff);
        Func<Task<bool>> viaDirect = async () => (await direct.GetAsync("/buildings?pageSize=20")).IsSuccessStatusCode;
        Func<Task<bool>> viaGateway = async () => (await gateway.GetAsync("/api/grid/buildings?pageSize=20")).IsSuccessStatusCode;

        // Some rows to read, then warm both paths (JIT, connection pools, EF query cache).
        for (var i = 0; i < 20; i++)
        {
            await gateway.PostAsJsonAsync("/api/grid/buildings", new { compoundId = "0195a000-0000-7000-8000-000000000001", number = $"B{i}", floors = 6 + i });
        }

        // Until tiered JIT has settled on both paths, the first runs measure the compiler, not the system.
        for (var round = 0; round < 2; round++)
        {
            await Load.SaturateAsync("warm-up direct", viaDirect, 32, TimeSpan.FromSeconds(10));
            await Load.SaturateAsync("warm-up gateway", viaGateway, 32, TimeSpan.FromSeconds(10));
        }

        const int rate = 200;
        var duration = TimeSpan.FromSeconds(15);
        var results = new List<LoadResult>
        {
            await Load.FixedRateAsync($"direct, {rate} req/s", viaDirect, rate, duration),
            await Load.FixedRateAsync($"gateway, {rate} req/s", viaGateway, rate, duration),
        };
        // Saturation, the paths alternating three times, so a slow drift of the machine (a checkpoint, another
        // process waking) falls on both; where the cores go is read in the first round of each.
        var saturation = TimeSpan.FromSeconds(10);
        var rounds = new List<(LoadResult Direct, LoadResult Gateway)>();
        for (var round = 1; round <= 3; round++)
        {
            var cpu = new CpuMeter();
            var directRound = await Load.SaturateAsync($"direct, saturation (32 conc.) #{round}", viaDirect, 32, saturation);
            if (round == 1)
            {
                cpu.Print("direct, saturation");
            }

            cpu = round == 1 ? await CpuMeter.BeforeAsync("gateway, saturation") : new CpuMeter();
            var gatewayRound = await Load.SaturateAsync($"gateway, saturation (32 conc.) #{round}", viaGateway, 32, saturation);
            if (round == 1)
            {
                cpu.Print("gateway, saturation");
            }

            rounds.Add((directRound, gatewayRound));
            results.Add(directRound);
            results.Add(gatewayRound);
        }

        Console.WriteLine();
        Console.WriteLine("GET /buildings?pageSize=20 (grid): direct to the service vs through the gateway");
        Load.Print(results);
        Console.WriteLine();
        Console.WriteLine($"throughput ratio gateway/direct at saturation, each round: {string.Join(", ", rounds.Select(r => (r.Gateway.Throughput / r.Direct.Throughput).ToString("0.00")))}");
        Console.WriteLine($"throughput ratio gateway/direct at saturation, all rounds: {rounds.Sum(r => r.Gateway.Requests) / (double)rounds.Sum(r => r.Direct.Requests):0.00}");
        Console.WriteLine($"p50 added by the gateway at {rate} req/s: {results[1].P50Ms - results[0].P50Ms:0.00} ms; p99 ratio {results[1].P99Ms / results[0].P99Ms:0.00}");
    }

    public static async Task EventLatencyAsync(SystemUnderTest system)
    {
        var volunteers = await system.ClientAsync("volunteers", Roles.StationStaff);
        await using var volunteersDb = NpgsqlDataSource.Create(await system.ConnectionStringAsync("volunteersdb"));
        await using var gridDb = NpgsqlDataSource.Create(await system.ConnectionStringAsync("griddb"));
        var phone = 10_000_000;

        Func<Task<bool>> register = async () => (await volunteers.PostAsJsonAsync("/volunteers", new
        {
            displayName = "基准志愿者",
            phone = $"135{Interlocked.Increment(ref phone):D8}",
            kind = "resident-volunteer",
            birthDate = "1968-04-01",
            skills = new[] { "first-aid" },
        })).IsSuccessStatusCode;

        await Load.SaturateAsync("warm-up", register, 4, TimeSpan.FromSeconds(5));
        await WaitForGridAsync(gridDb, await CountAsync(volunteersDb, "SELECT count(*) FROM volunteers"), TimeSpan.FromMinutes(2));

        const int rate = 20;
        var since = DateTimeOffset.UtcNow;
        var load = await Load.FixedRateAsync($"register at {rate}/s", register, rate, TimeSpan.FromSeconds(20));
        await WaitForGridAsync(gridDb, await CountAsync(volunteersDb, "SELECT count(*) FROM volunteers"), TimeSpan.FromMinutes(2));

        // Latency per event: the outbox row's commit (created_at, written in the registering transaction) to the
        // consumer's effect in Grid (received_at, written in the consuming transaction). One machine, one clock.
        var created = new Dictionary<Guid, DateTimeOffset>();
        await using (var command = volunteersDb.CreateCommand(
            "SELECT (payload->>'volunteerId')::uuid, created_at FROM outbox_messages WHERE created_at >= $1"))
        {
            command.Parameters.AddWithValue(since);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                created[reader.GetGuid(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }

        var latencies = new List<double>();
        await using (var command = gridDb.CreateCommand("SELECT volunteer_id, received_at FROM known_volunteers WHERE received_at >= $1"))
        {
            command.Parameters.AddWithValue(since);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (created.TryGetValue(reader.GetGuid(0), out var at))
                {
                    latencies.Add((reader.GetFieldValue<DateTimeOffset>(1) - at).TotalMilliseconds);
                }
            }
        }

        latencies.Sort();
        double Percentile(double p) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(p / 100 * latencies.Count) - 1)];

        // Backlog: 10,000 events committed at once into the outbox; time until Grid has applied every one.
        const int backlog = 10_000;
        var before = await CountAsync(gridDb, "SELECT count(*) FROM known_volunteers");
        var cpu = new CpuMeter();
        var clock = Stopwatch.StartNew();
        await using (var command = volunteersDb.CreateCommand($"""
            INSERT INTO outbox_messages (id, message_type, payload, created_at, attempts, next_attempt_at)
            SELECT gen_random_uuid(), 'Community.Contracts.VolunteerRegistered, Community.Contracts',
                   jsonb_build_object('volunteerId', gen_random_uuid(), 'displayName', 'backlog ' || n, 'kind', 'resident-volunteer',
                                      'skills', '[]'::jsonb, 'homeBuildingId', null, 'registeredAt', now()),
                   now(), 0, now()
            FROM generate_series(1, {backlog}) AS n
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        var inserted = clock.Elapsed;
        // When the relay has handed every row to the broker, apart from when Grid has applied them: which side limits.
        var relayed = Task.Run(async () =>
        {
            while (await CountAsync(volunteersDb, "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL") > 0)
            {
                await Task.Delay(50);
            }

            return clock.Elapsed;
        });
        await WaitForGridAsync(gridDb, before + backlog, TimeSpan.FromMinutes(15));
        var drained = clock.Elapsed;
        cpu.Print("the backlog's drain");

        Console.WriteLine();
        Console.WriteLine("VolunteerRegistered: Volunteers outbox commit -> Grid read model committed");
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| events at {rate}/s (20 s) | {latencies.Count} (HTTP errors: {load.Errors}) |");
        Console.WriteLine($"| latency p50 | {Percentile(50):0.0} ms |");
        Console.WriteLine($"| latency p99 | {Percentile(99):0.0} ms |");
        Console.WriteLine($"| latency max | {latencies[^1]:0.0} ms |");
        Console.WriteLine($"| backlog of {backlog:N0} committed in | {inserted.TotalSeconds:0.00} s |");
        Console.WriteLine($"| backlog of {backlog:N0} published by the relay in | {(await relayed).TotalSeconds:0.0} s |");
        Console.WriteLine($"| backlog of {backlog:N0} drained in | {drained.TotalSeconds:0.0} s ({backlog / drained.TotalSeconds:0} events/s) |");
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitForGridAsync(NpgsqlDataSource gridDb, long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await CountAsync(gridDb, "SELECT count(*) FROM known_volunteers") < expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Grid did not reach {expected} volunteers in {timeout}.");
            }

            await Task.Delay(50);
        }
    }
}
