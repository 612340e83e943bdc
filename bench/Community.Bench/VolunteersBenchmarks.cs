using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using HdrHistogram;
using Npgsql;

namespace Community.Bench;

/// <summary>The Volunteers issue's speed figures: a sign-up storm, matching over 10,000 volunteers, and crediting 10,000 completed sessions.</summary>
public static class VolunteersBenchmarks
{
    /// <summary>Adults straight into the registry (no events), with skills, availability and homes over 10 grids of 5 buildings.</summary>
    private static async Task<List<Guid>> SeedVolunteersAsync(NpgsqlDataSource db, int count, Guid[] buildings)
    {
        await using var command = db.CreateCommand($"""
            INSERT INTO volunteers (id, display_name, phone, kind, skills, home_building_id, registered_at)
            SELECT gen_random_uuid(), 'bench ' || n, '13' || lpad((floor(random() * 1e9))::bigint::text, 9, '0') || n,
                   (ARRAY['party-member','league-member','resident-volunteer','full-time-mother'])[1 + n % 4],
                   CASE n % 4 WHEN 0 THEN ARRAY['first-aid'] WHEN 1 THEN ARRAY['smartphone-tutoring', 'elderly-companionship']
                              WHEN 2 THEN ARRAY['riverbank-cleanup'] ELSE ARRAY['carpentry', 'first-aid'] END,
                   ($1::uuid[])[1 + n % {buildings.Length}], now() - n * interval '1 minute'
            FROM generate_series(1, {count}) AS n
            RETURNING id
            """);
        command.Parameters.AddWithValue(buildings);
        var ids = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        await using var slots = db.CreateCommand("""
            INSERT INTO availability_slots (id, volunteer_id, day, starts, ends)
            SELECT gen_random_uuid(), v.id, d, time '08:00' + (d % 3) * interval '2 hours', time '12:00' + (d % 3) * interval '3 hours'
            FROM volunteers v CROSS JOIN generate_series(0, 6) AS d
            WHERE v.display_name LIKE 'bench %' AND (hashtext(v.id::text || d) % 3) = 0
            """);
        await slots.ExecuteNonQueryAsync();
        return ids;
    }

    /// <summary>500 volunteers sign up at once through the gateway for 10 shifts of at most 20.</summary>
    public static async Task SignUpStormAsync(SystemUnderTest system)
    {
        await using var db = NpgsqlDataSource.Create(await system.ConnectionStringAsync("volunteersdb"));
        var volunteers = await SeedVolunteersAsync(db, 500, [Guid.NewGuid()]);
        var staff = await system.ClientAsync("gateway", Roles.StationStaff);
        var first = DateTimeOffset.UtcNow.AddDays(3);
        var opportunity = await (await staff.PostAsJsonAsync("/api/volunteers/opportunities", new
        {
            title = "storm", shifts = Enumerable.Range(0, 10).Select(i => new
            {
                startsAt = first.AddHours(3 * i), endsAt = first.AddHours(3 * i + 2), place = "bench", minVolunteers = 5, maxVolunteers = 20,
            }),
        })).Content.ReadFromJsonAsync<JsonElement>();
        var shifts = opportunity.GetProperty("shifts").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();

        // Each volunteer signs in with an account of their own, which staff link to their record.
        var people = await system.SignInManyAsync(volunteers.Count, Roles.Volunteer);
        for (var i = 0; i < volunteers.Count; i++)
        {
            var linked = await staff.PutAsJsonAsync($"/api/volunteers/volunteers/{volunteers[i]}/account", new { accountId = people[i].AccountId });
            if (!linked.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Linking volunteer {volunteers[i]} to an account answered {(int)linked.StatusCode}.");
            }
        }

        var gateway = system.Client("gateway", null);
        var tokens = people.Select(p => p.AccessToken).ToList();

        // Baseline in the same run: as many requests at once through the same gateway to a trivial read.
        await StormAsync(gateway, tokens, i => new HttpRequestMessage(HttpMethod.Get, "/api/volunteers/skills"));
        var baseline = await StormAsync(gateway, tokens, i => new HttpRequestMessage(HttpMethod.Get, "/api/volunteers/skills"));
        if (Environment.GetEnvironmentVariable("BENCH_WARM") == "1")
        {
            var warm = await (await staff.PostAsJsonAsync("/api/volunteers/opportunities", new
            {
                title = "warm", shifts = new[] { new { startsAt = first.AddDays(2), endsAt = first.AddDays(2).AddHours(1), place = "bench", minVolunteers = 1, maxVolunteers = 1 } },
            })).Content.ReadFromJsonAsync<JsonElement>();
            var warmShift = warm.GetProperty("shifts")[0].GetProperty("id").GetGuid();
            using var one = new HttpRequestMessage(HttpMethod.Post, $"/api/volunteers/shifts/{warmShift}/signups") { Content = JsonContent.Create(new { volunteerId = volunteers[0] }) };
            one.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens[0]);
            Console.WriteLine($"warm-up sign-up: {(int)(await gateway.SendAsync(one)).StatusCode}");
        }

        var cpu = await CpuMeter.BeforeAsync("the sign-up storm");
        var storm = await StormAsync(gateway, tokens, i => new HttpRequestMessage(HttpMethod.Post, $"/api/volunteers/shifts/{shifts[i % shifts.Count]}/signups")
        {
            Content = JsonContent.Create(new { volunteerId = volunteers[i] }),
        });
        cpu.Print("the sign-up storm");

        await using var check = db.CreateCommand("""
            SELECT (SELECT count(*) FROM assignments WHERE shift_id = ANY($1) AND withdrawn_at IS NULL),
                   (SELECT count(*) FROM shifts WHERE id = ANY($1) AND assigned > max_volunteers),
                   (SELECT max(c) FROM (SELECT count(*) AS c FROM assignments WHERE shift_id = ANY($1) AND withdrawn_at IS NULL GROUP BY shift_id) x)
            """);
        check.Parameters.AddWithValue(shifts.ToArray());
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();

        Console.WriteLine();
        Console.WriteLine("Sign-up storm through the gateway: 500 volunteers at once, 10 shifts of at most 20");
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| assigned (database) | {reader.GetInt64(0)} |");
        Console.WriteLine($"| shifts over their maximum / largest roster | {reader.GetInt64(1)} / {reader.GetInt64(2)} |");
        Console.WriteLine($"| 201 / 409 / 5xx / transport errors | {storm.Count(201)} / {storm.Count(409)} / {storm.Statuses.Count(s => s >= 500)} / {storm.Count(-1)} |");
        Console.WriteLine($"| wall time / throughput | {storm.Elapsed.TotalSeconds:0.00} s / {500 / storm.Elapsed.TotalSeconds:0} sign-ups/s |");
        Console.WriteLine($"| latency p50 / p99 | {ActivitiesBenchmarks.Ms(storm.Histogram, 50)} / {ActivitiesBenchmarks.Ms(storm.Histogram, 99)} ms |");
        Console.WriteLine($"| baseline (500 GET /skills at once): wall / p99 | {baseline.Elapsed.TotalSeconds:0.00} s / {ActivitiesBenchmarks.Ms(baseline.Histogram, 99)} ms |");
        Console.WriteLine($"| ratio storm/baseline: wall time / p99 | {storm.Elapsed / baseline.Elapsed:0.0} / {(double)storm.Histogram.GetValueAtPercentile(99) / baseline.Histogram.GetValueAtPercentile(99):0.0} |");
        await SystemUnderTest.PrintResidentMemoryAsync();
    }

    /// <summary>Suggestions for one shift with 10,000 volunteers in the registry (1,000 of them busy at that time).</summary>
    public static async Task MatchingAsync(SystemUnderTest system)
    {
        await using var db = NpgsqlDataSource.Create(await system.ConnectionStringAsync("volunteersdb"));
        var buildings = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();
        var seed = Stopwatch.StartNew();
        var volunteers = await SeedVolunteersAsync(db, 10_000, buildings);
        await using (var grids = db.CreateCommand("INSERT INTO building_grids (building_id, grid_id, changed_at) SELECT b, md5((i / 5)::text)::uuid, now() FROM unnest($1::uuid[]) WITH ORDINALITY AS t(b, i)"))
        {
            grids.Parameters.AddWithValue(buildings);
            await grids.ExecuteNonQueryAsync();
        }

        var staff = await system.ClientAsync("volunteers", Roles.StationStaff);
        var saturday = DateTimeOffset.UtcNow.Date.AddDays(14 + ((int)DayOfWeek.Saturday - (int)DateTimeOffset.UtcNow.DayOfWeek + 7) % 7).AddHours(1); // 09:00 Shanghai
        var created = await (await staff.PostAsJsonAsync("/opportunities", new
        {
            title = "match", skill = "first-aid",
            shifts = new[]
            {
                new { startsAt = new DateTimeOffset(saturday, TimeSpan.Zero), endsAt = new DateTimeOffset(saturday.AddHours(2), TimeSpan.Zero), buildingId = buildings[7], maxVolunteers = 10 },
                new { startsAt = new DateTimeOffset(saturday, TimeSpan.Zero), endsAt = new DateTimeOffset(saturday.AddHours(3), TimeSpan.Zero), buildingId = buildings[8], maxVolunteers = 500 },
            },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var target = created.GetProperty("shifts")[0].GetProperty("id").GetGuid();
        var other = created.GetProperty("shifts")[1].GetProperty("id").GetGuid();
        await using (var busy = db.CreateCommand("""
            INSERT INTO assignments (id, shift_id, volunteer_id, starts_at, ends_at, assigned_at)
            SELECT gen_random_uuid(), s.id, v, s.starts_at, s.ends_at, now() FROM shifts s, unnest($2::uuid[]) AS v WHERE s.id = $1
            """))
        {
            busy.Parameters.AddWithValue(other);
            busy.Parameters.AddWithValue(volunteers.Take(1000).ToArray());
            await busy.ExecuteNonQueryAsync();
        }

        await using (var analyze = db.CreateCommand("ANALYZE"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        await using (var slots = db.CreateCommand("SELECT count(*) FROM availability_slots"))
        {
            Console.WriteLine($"Seeded 10,000 volunteers ({await slots.ExecuteScalarAsync():N0} availability slots, 1,000 busy at the shift's time) in {seed.Elapsed.TotalSeconds:0.0} s.");
        }
        var path = $"/shifts/{target}/suggestions?limit=20";
        var sample = await staff.GetFromJsonAsync<JsonElement>(path);
        Console.WriteLine($"First suggestion: {sample[0]}");
        Func<Task<bool>> match = async () => (await staff.GetAsync(path)).IsSuccessStatusCode;
        Func<Task<bool>> baseline = async () => (await staff.GetAsync("/skills")).IsSuccessStatusCode;
        await Load.SaturateAsync("warm-up", match, 4, TimeSpan.FromSeconds(10));
        await Load.SaturateAsync("warm-up baseline", baseline, 4, TimeSpan.FromSeconds(5));
        var results = new List<LoadResult>
        {
            await Load.FixedRateAsync("baseline GET /skills, 20 req/s", baseline, 20, TimeSpan.FromSeconds(20)),
            await Load.FixedRateAsync("suggestions, 20 req/s", match, 20, TimeSpan.FromSeconds(20)),
            await Load.SaturateAsync("suggestions, saturation (8 conc.)", match, 8, TimeSpan.FromSeconds(15)),
        };
        Console.WriteLine();
        Console.WriteLine("GET /shifts/{id}/suggestions?limit=20 with 10,000 volunteers (direct to the service)");
        Load.Print(results);
        Console.WriteLine($"p99 ratio suggestions/baseline at 20 req/s: {results[1].P99Ms / results[0].P99Ms:0.0}");
    }

    /// <summary>10,000 SessionCompleted events (and 1,000 re-published copies) committed at once into Activities' outbox.</summary>
    public static async Task HoursCreditingAsync(SystemUnderTest system)
    {
        await using var volunteersDb = NpgsqlDataSource.Create(await system.ConnectionStringAsync("volunteersdb"));
        await using var activitiesDb = NpgsqlDataSource.Create(await system.ConnectionStringAsync("activitiesdb"));
        await using var gridDb = NpgsqlDataSource.Create(await system.ConnectionStringAsync("griddb"));
        var volunteers = await SeedVolunteersAsync(volunteersDb, 1000, [Guid.NewGuid()]);

        // Baseline in the same run: 10,000 VolunteerRegistered through the same relay and broker into Grid's read model.
        var baseline = Stopwatch.StartNew();
        await ExecuteAsync(volunteersDb, """
            INSERT INTO outbox_messages (id, message_type, payload, created_at, attempts, next_attempt_at)
            SELECT gen_random_uuid(), 'Community.Contracts.VolunteerRegistered, Community.Contracts',
                   jsonb_build_object('volunteerId', gen_random_uuid(), 'displayName', 'backlog ' || n, 'kind', 'resident-volunteer',
                                      'skills', '[]'::jsonb, 'homeBuildingId', null, 'registeredAt', now()),
                   now(), 0, now()
            FROM generate_series(1, 10000) AS n
            """);
        await WaitAsync(gridDb, "SELECT count(*) FROM known_volunteers", 10_000, TimeSpan.FromMinutes(10));
        var baselineDrain = baseline.Elapsed;

        var cpu = await CpuMeter.BeforeAsync("the crediting");
        var clock = Stopwatch.StartNew();
        await using (var insert = activitiesDb.CreateCommand("""
            WITH events AS (
                SELECT n, gen_random_uuid() AS session_id, ($1::uuid[])[1 + n % array_length($1::uuid[], 1)] AS volunteer_id FROM generate_series(1, 10000) AS n)
            INSERT INTO outbox_messages (id, message_type, payload, created_at, attempts, next_attempt_at)
            SELECT gen_random_uuid(), 'Community.Contracts.SessionCompleted, Community.Contracts',
                   jsonb_build_object('sessionId', session_id, 'seriesId', gen_random_uuid(), 'category', 'class',
                                      'startsAt', now() - interval '2 hours', 'endsAt', now() - interval '1 hour', 'attendedCount', 10,
                                      'volunteers', jsonb_build_array(jsonb_build_object('volunteerId', volunteer_id, 'requestId', gen_random_uuid(), 'minutes', 60)),
                                      'completedAt', now()),
                   now(), 0, now()
            FROM events, generate_series(1, CASE WHEN n % 10 = 0 THEN 2 ELSE 1 END)
            """))
        {
            insert.Parameters.AddWithValue(volunteers.ToArray());
            await insert.ExecuteNonQueryAsync();
        }

        await WaitAsync(volunteersDb, "SELECT count(*) FROM service_hours WHERE source = 'session'", 10_000, TimeSpan.FromMinutes(15));
        var drained = clock.Elapsed;
        cpu.Print("the crediting (until the last credit)");
        // Let the 1,000 copies settle (they may arrive after the last original), then check nothing was credited twice.
        await Task.Delay(TimeSpan.FromSeconds(10));
        await using var check = volunteersDb.CreateCommand("""
            SELECT count(*), count(DISTINCT (volunteer_id, source_id)), coalesce(sum(minutes), 0) FROM service_hours WHERE source = 'session'
            """);
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();

        Console.WriteLine();
        Console.WriteLine("Hours crediting: 10,000 SessionCompleted (+1,000 re-published copies) committed at once into Activities' outbox");
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| credits / distinct (volunteer, session) / minutes | {reader.GetInt64(0)} / {reader.GetInt64(1)} / {reader.GetInt64(2)} |");
        Console.WriteLine($"| drained in | {drained.TotalSeconds:0.0} s ({10_000 / drained.TotalSeconds:0} events/s) |");
        Console.WriteLine($"| baseline: 10,000 VolunteerRegistered into Grid's read model | {baselineDrain.TotalSeconds:0.0} s |");
        Console.WriteLine($"| ratio crediting/baseline | {drained / baselineDrain:0.00} |");
    }

    private sealed record Storm(int[] Statuses, LongHistogram Histogram, TimeSpan Elapsed)
    {
        public int Count(int status) => Statuses.Count(s => s == status);
    }

    private static async Task<Storm> StormAsync(HttpClient client, IReadOnlyList<string> tokens, Func<int, HttpRequestMessage> build)
    {
        var histogram = new LongHistogram(TimeStamp.Minutes(1), 3);
        var statuses = new int[tokens.Count];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, tokens.Count).Select(i => Task.Run(async () =>
        {
            using var request = build(i);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i]);
            var started = clock.Elapsed;
            try
            {
                using var response = await client.SendAsync(request);
                statuses[i] = (int)response.StatusCode;
            }
            catch (Exception)
            {
                statuses[i] = -1;
            }

            lock (histogram)
            {
                histogram.RecordValue(Math.Max(0, (clock.Elapsed - started).Ticks));
            }
        })));
        return new Storm(statuses, histogram, clock.Elapsed);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task WaitAsync(NpgsqlDataSource db, string countSql, long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var command = db.CreateCommand(countSql);
            if ((long)(await command.ExecuteScalarAsync())! >= expected)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{countSql}' did not reach {expected} in {timeout}.");
            }

            await Task.Delay(50);
        }
    }
}
