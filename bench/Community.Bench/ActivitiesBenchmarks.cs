using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HdrHistogram;
using Community.ServiceDefaults.Auth;
using Npgsql;

namespace Community.Bench;

/// <summary>The Activities issue's speed figures: a registration storm and session listing on a large calendar.</summary>
public static class ActivitiesBenchmarks
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>2,000 registration attempts at once through the gateway, spread over 20 sessions of 50 places.</summary>
    /// <summary>
    /// Registrations arriving at a steady 200 a second for 30 s (open model: each latency counts from the request's
    /// scheduled time), 100 residents over 60 sessions of 100 places, each (person, session) once; baseline: the same
    /// rate of reads of one session's page through the gateway, in the same run.
    /// </summary>
    public static async Task RegistrationsSteadyAsync(SystemUnderTest system)
    {
        const int rate = 200;
        var duration = TimeSpan.FromSeconds(30);
        var staff = await system.ClientAsync("gateway", Roles.StationStaff);
        var venue = await (await staff.PostAsJsonAsync("/api/activities/venues", new { name = "steady venue", capacity = 500 })).Content.ReadFromJsonAsync<JsonElement>();
        var first = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(2), Shanghai);
        var series = await (await staff.PostAsJsonAsync("/api/activities/series", new
        {
            title = "steady", category = "class", audience = "everyone", organiser = "bench", venueId = venue.GetProperty("id").GetGuid(),
            capacity = 100, firstStartsAt = $"{first:yyyy-MM-dd}T09:00", durationMinutes = 60, recurrenceRule = "FREQ=DAILY;COUNT=60",
        })).Content.ReadFromJsonAsync<JsonElement>();
        var sessions = series.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
        var residents = await system.SignInManyAsync(100, Roles.Resident);
        var gateway = system.Client("gateway", null);

        async Task<bool> Send(HttpMethod method, string path, string token, object? body)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await gateway.SendAsync(request);
            return response.IsSuccessStatusCode;
        }

        var read = -1;
        var baseline = await Load.FixedRateAsync($"baseline: GET a session, {rate}/s", () =>
        {
            var i = Interlocked.Increment(ref read);
            return Send(HttpMethod.Get, $"/api/activities/sessions/{sessions[i % sessions.Count]}", residents[i % residents.Count].AccessToken, null);
        }, rate, duration);
        var sent = -1;
        var steady = await Load.FixedRateAsync($"register, {rate}/s", () =>
        {
            var i = Interlocked.Increment(ref sent);
            return Send(HttpMethod.Post, $"/api/activities/sessions/{sessions[i % sessions.Count]}/registrations",
                residents[i / sessions.Count % residents.Count].AccessToken, new { participantName = $"居民 {i}", birthYear = 1950 });
        }, rate, duration);

        Console.WriteLine();
        Console.WriteLine($"Registrations at a steady {rate}/s for {duration.TotalSeconds:0} s through the gateway (open model)");
        Load.Print([baseline, steady]);
        Console.WriteLine($"p99 ratio registering/reading: {steady.P99Ms / baseline.P99Ms:0.0}");
    }

    public static async Task RegistrationStormAsync(SystemUnderTest system)
    {
        var staff = await system.ClientAsync("gateway", Roles.StationStaff);
        var venue = await (await staff.PostAsJsonAsync("/api/activities/venues", new { name = "storm venue", capacity = 500 })).Content.ReadFromJsonAsync<JsonElement>();
        var first = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(2), Shanghai);
        var series = await (await staff.PostAsJsonAsync("/api/activities/series", new
        {
            title = "storm", category = "class", audience = "everyone", organiser = "bench", venueId = venue.GetProperty("id").GetGuid(),
            capacity = 50, firstStartsAt = $"{first:yyyy-MM-dd}T09:00", durationMinutes = 60, recurrenceRule = "FREQ=DAILY;COUNT=20",
        })).Content.ReadFromJsonAsync<JsonElement>();
        var sessions = series.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();

        const int attempts = 2000;
        // 100 residents signed in at the provider, each trying once for every one of the 20 sessions: 2,000 distinct
        // (person, session) attempts, each with its registrant's own token.
        var gateway = system.Client("gateway", null);
        var residents = await system.SignInManyAsync(attempts / sessions.Count, Roles.Resident);
        var tokens = Enumerable.Range(0, attempts).Select(i => residents[i / sessions.Count].AccessToken).ToList();

        // A system at 9:00 has served people before: the same people register first for a separate session of 50 places,
        // ten at a time (50 get a place, 50 the waitlist), so the storm runs on compiled code, not the JIT's first tier.
        var warm = await (await staff.PostAsJsonAsync("/api/activities/series", new
        {
            title = "warm-up", category = "class", audience = "everyone", organiser = "bench", venueId = venue.GetProperty("id").GetGuid(),
            capacity = 50, firstStartsAt = $"{first.AddDays(30):yyyy-MM-dd}T09:00", durationMinutes = 60,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var warmSession = warm.GetProperty("sessions")[0].GetProperty("id").GetGuid();
        await Parallel.ForEachAsync(residents, new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (resident, _) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/activities/sessions/{warmSession}/registrations")
            {
                Content = JsonContent.Create(new { participantName = "warm-up", birthYear = 1950 }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", resident.AccessToken);
            using var response = await gateway.SendAsync(request);
        });
        // The notices and read models of the warm-up are written, and the second tier compiled, before the storm.
        await Task.Delay(TimeSpan.FromSeconds(5));

        var histogram = new LongHistogram(TimeStamp.Minutes(1), 3);
        var statuses = new int[attempts];
        var outcomes = new string?[attempts];
        var cpu = await CpuMeter.BeforeAsync("the registration storm");
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, attempts).Select(i => Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/activities/sessions/{sessions[i % sessions.Count]}/registrations")
            {
                Content = JsonContent.Create(new { participantName = $"居民 {i}", birthYear = 1950 }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i]);
            var started = clock.Elapsed;
            try
            {
                using var response = await gateway.SendAsync(request);
                statuses[i] = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    outcomes[i] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
                }
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
        var elapsed = clock.Elapsed;
        cpu.Print("the storm");

        await using var db = NpgsqlDataSource.Create(await system.ConnectionStringAsync("activitiesdb"));
        await using var check = db.CreateCommand(
            "SELECT count(*) FILTER (WHERE places_taken > capacity), coalesce(sum(places_taken), 0) FROM sessions WHERE id = ANY($1)");
        check.Parameters.AddWithValue(sessions.ToArray());
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();
        var oversoldSessions = reader.GetInt64(0);
        var placesTaken = reader.GetInt64(1);

        Console.WriteLine();
        Console.WriteLine("Registration storm through the gateway: 2,000 attempts at once, 20 sessions x 50 places");
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| confirmed | {outcomes.Count(o => o == "confirmed")} |");
        Console.WriteLine($"| waitlisted | {outcomes.Count(o => o == "waitlisted")} |");
        Console.WriteLine($"| sessions oversold / places taken in the database | {oversoldSessions} / {placesTaken} |");
        Console.WriteLine($"| server errors (5xx) / transport errors | {statuses.Count(s => s >= 500)} / {statuses.Count(s => s < 0)} |");
        Console.WriteLine($"| other statuses | {string.Join(", ", statuses.Where(s => s is > 0 and < 500 and not 201).GroupBy(s => s).Select(g => $"{g.Key}x{g.Count()}"))} |");
        Console.WriteLine($"| wall time | {elapsed.TotalSeconds:0.00} s |");
        Console.WriteLine($"| throughput | {attempts / elapsed.TotalSeconds:0} registrations/s |");
        Console.WriteLine($"| latency p50 / p99 / max | {Ms(histogram, 50)} / {Ms(histogram, 99)} / {histogram.GetMaxValue() / (double)TimeSpan.TicksPerMillisecond:0} ms |");
        await SystemUnderTest.PrintResidentMemoryAsync();
    }

    /// <summary>A filtered, paged session list over 10,000 sessions and 100,000 registrations, direct and through the gateway.</summary>
    public static async Task SessionListingAsync(SystemUnderTest system)
    {
        await using var db = NpgsqlDataSource.Create(await system.ConnectionStringAsync("activitiesdb"));
        var seed = Stopwatch.StartNew();
        await SeedCalendarAsync(db);
        Console.WriteLine($"Seeded 10,000 sessions and 100,000 registrations in {seed.Elapsed.TotalSeconds:0.0} s.");

        var from = DateTimeOffset.UtcNow.AddDays(1).ToString("O");
        var to = DateTimeOffset.UtcNow.AddDays(5).ToString("O");
        var path = $"/sessions?category=class&hasPlaces=true&from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}&page=3&pageSize=20";
        var direct = await system.ClientAsync("activities", Roles.Resident);
        var gateway = await system.ClientAsync("gateway", Roles.Resident);
        Func<Task<bool>> viaDirect = async () => (await direct.GetAsync(path)).IsSuccessStatusCode;
        Func<Task<bool>> viaGateway = async () => (await gateway.GetAsync("/api/activities" + path)).IsSuccessStatusCode;
        var sample = await direct.GetFromJsonAsync<JsonElement>(path);
        Console.WriteLine($"The filtered list matches {sample.GetProperty("total").GetInt32()} sessions; a page holds {sample.GetProperty("items").GetArrayLength()}.");

        await Load.SaturateAsync("warm-up direct", viaDirect, 8, TimeSpan.FromSeconds(10));
        await Load.SaturateAsync("warm-up gateway", viaGateway, 8, TimeSpan.FromSeconds(10));
        var results = new List<LoadResult>
        {
            await Load.FixedRateAsync("direct, 50 req/s", viaDirect, 50, TimeSpan.FromSeconds(20)),
            await Load.FixedRateAsync("gateway, 50 req/s", viaGateway, 50, TimeSpan.FromSeconds(20)),
            await Load.SaturateAsync("direct, saturation (16 conc.)", viaDirect, 16, TimeSpan.FromSeconds(15)),
            await Load.SaturateAsync("gateway, saturation (16 conc.)", viaGateway, 16, TimeSpan.FromSeconds(15)),
        };
        Console.WriteLine();
        Console.WriteLine("GET /sessions?category=class&hasPlaces=true&from..to (4 days)&page=3&pageSize=20");
        Load.Print(results);
    }

    internal static string Ms(LongHistogram histogram, double percentile) =>
        $"{histogram.GetValueAtPercentile(percentile) / (double)TimeSpan.TicksPerMillisecond:0}";

    /// <summary>100 venues with 100 sessions each (two hours apart, no clashes), 10 registrations per session.</summary>
    private static async Task SeedCalendarAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO venues (id, name, capacity, step_free, hearing_loop, created_at, opening_hours, closed_dates)
            SELECT gen_random_uuid(), 'bench venue ' || v, 100, false, false, now(), '[]', '{}' FROM generate_series(1, 100) v;

            INSERT INTO activity_series (id, title, category, audience, organiser, venue_id, capacity, first_starts_at_local, duration_minutes, created_at)
            SELECT gen_random_uuid(), 'bench series ' || row_number() OVER (), (ARRAY['class','fitness','study','youth'])[1 + (row_number() OVER () % 4)],
                   'everyone', 'bench', id, 50, now()::timestamp, 60, now()
            FROM venues WHERE name LIKE 'bench venue %';

            INSERT INTO sessions (id, series_id, venue_id, starts_at, ends_at, capacity, places_taken, status)
            SELECT gen_random_uuid(), s.id, s.venue_id, now() + interval '1 day' + n * interval '2 hours',
                   now() + interval '1 day' + n * interval '2 hours' + interval '1 hour', 50, 10, 'scheduled'
            FROM activity_series s CROSS JOIN generate_series(1, 100) n
            WHERE s.organiser = 'bench';

            INSERT INTO registrations (id, session_id, participant_key, participant_name, registered_by, on_behalf, status, check_in_code, created_at, no_show)
            SELECT gen_random_uuid(), s.id, 'bench:' || r, 'bench ' || r, 'bench', false, 'confirmed',
                   upper(substr(md5(s.id::text || r), 1, 6)), now(), false
            FROM sessions s JOIN activity_series a ON a.id = s.series_id AND a.organiser = 'bench'
            CROSS JOIN generate_series(1, 10) r;

            ANALYZE;
            """);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }
}
