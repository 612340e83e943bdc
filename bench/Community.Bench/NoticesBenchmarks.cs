using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.Services.Notices;
using Community.Services.Notices.Activities;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Community.Bench;

/// <summary>
/// Notices under the two loads. (1) A session of 200 registrants is cancelled through the gateway: the time until
/// every one of the 200 has the cancellation in their inbox, and each notice's latency from the cancel request's start
/// and from the time its event carries, against the cancel request's own duration in the same run. (2) The day-before
/// reminders for 10,000 confirmed registrations: the time the Notices service's job takes to write them, against one
/// INSERT … SELECT of the same 10,000 rows into the same table (the floor for writing them at all).
/// </summary>
internal static class NoticesBenchmarks
{
    public static async Task CancellationAndRemindersAsync(SystemUnderTest system)
    {
        await system.App.ResourceNotifications.WaitForResourceHealthyAsync("notices");
        await CancellationFanOutAsync(system);
        await RemindersAsync(system);
    }

    private static async Task CancellationFanOutAsync(SystemUnderTest system)
    {
        var staff = await system.ClientAsync("gateway", Roles.StationStaff);
        var venue = await (await staff.PostAsJsonAsync("/api/activities/venues", new { name = $"大礼堂 {Guid.NewGuid():N}"[..20], capacity = 300 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var starts = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(3), Neighbourhood.TimeZone);
        var series = await (await staff.PostAsJsonAsync("/api/activities/series", new
        {
            title = "社区春晚", category = "fitness", audience = "everyone", organiser = "居委会",
            venueId = venue.GetProperty("id").GetGuid(), capacity = 200, firstStartsAt = $"{starts:yyyy-MM-ddTHH:mm}", durationMinutes = 120,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var session = series.GetProperty("sessions")[0].GetProperty("id").GetGuid();

        var residents = await system.SignInManyAsync(200, Roles.Resident);
        var clients = residents.Select(r => system.Client("gateway", r.AccessToken)).ToArray();
        await Task.WhenAll(clients.Select(async (client, i) =>
        {
            var response = await client.PostAsJsonAsync($"/api/activities/sessions/{session}/registrations", new { participantName = $"居民{i}" });
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"registration {i}: {(int)response.StatusCode}");
            }
        }));
        // Let the confirmations land first, so the inboxes hold only what the cancellation adds.
        await Task.Delay(TimeSpan.FromSeconds(5));

        var cancelStarted = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var cancelled = await staff.PostAsJsonAsync($"/api/activities/sessions/{session}/cancel", new { reason = "场地维修" });
        var cancelTook = clock.Elapsed;
        if (!cancelled.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"cancel: {(int)cancelled.StatusCode}");
        }

        // Arrival is read from Notices' own table (cheap, so the measuring does not slow what it measures) ...
        await using var data = NpgsqlDataSource.Create(await system.ConnectionStringAsync("noticesdb"));
        var accounts = residents.Select(r => r.AccountId).ToArray();
        var latencies = Array.Empty<double>();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await using var query = data.CreateCommand(
                "SELECT extract(epoch FROM created_at - $1) * 1000 FROM notices WHERE kind = 'session-cancelled' AND account_id = ANY($2)");
            query.Parameters.AddWithValue(cancelStarted);
            query.Parameters.AddWithValue(accounts);
            var found = new List<double>();
            await using (var reader = await query.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    found.Add((double)reader.GetDecimal(0));
                }
            }

            latencies = [.. found];
            if (latencies.Length >= accounts.Length)
            {
                break;
            }

            await Task.Delay(100);
        }

        var allIn = clock.Elapsed;
        // The measure, event-to-inbox: from the time the cancellation's events carry (stamped in Activities before
        // its transaction commits, so the commit counts) to each notice written.
        await using var activities = NpgsqlDataSource.Create(await system.ConnectionStringAsync("activitiesdb"));
        await using var stamped = activities.CreateCommand(
            "SELECT max(created_at) FROM outbox_messages WHERE message_type LIKE '%RegistrationCancelled%' AND payload::jsonb->>'sessionId' = $1");
        stamped.Parameters.AddWithValue(session.ToString());
        var eventAt = (DateTime)(await stamped.ExecuteScalarAsync())!;
        var sinceEvent = latencies.Select(l => l - (new DateTimeOffset(eventAt, TimeSpan.Zero) - cancelStarted).TotalMilliseconds).Order().ToArray();
        // ... and then each person's inbox is read once through the gateway, as they would.
        var arrived = await Task.WhenAll(clients.Select(async client =>
        {
            var inbox = await client.GetFromJsonAsync<JsonElement>("/api/notices/notices/mine?pageSize=10");
            return inbox.GetProperty("items").EnumerateArray().Any(n => n.GetProperty("kind").GetString() == "session-cancelled");
        }));
        Array.Sort(latencies);
        Console.WriteLine();
        Console.WriteLine("| 200 registrants, session cancelled | figure |");
        Console.WriteLine("| --- | --- |");
        Console.WriteLine($"| cancel request (baseline) | {cancelTook.TotalMilliseconds:0} ms |");
        Console.WriteLine($"| notices in the inboxes | {arrived.Count(a => a)} of 200 |");
        Console.WriteLine($"| all 200 written (from the cancel request's start) | {allIn.TotalMilliseconds:0} ms ({allIn / cancelTook:0.0}× the cancel request) |");
        Console.WriteLine($"| cancel-to-inbox p50 / p99 / max | {latencies[latencies.Length / 2]:0} / {latencies[(int)(latencies.Length * 0.99)]:0} / {latencies[^1]:0} ms |");
        Console.WriteLine($"| event-to-inbox p50 / p99 / max (from the events' time) | {sinceEvent[sinceEvent.Length / 2]:0} / {sinceEvent[(int)(sinceEvent.Length * 0.99)]:0} / {sinceEvent[^1]:0} ms |");
    }

    private static async Task RemindersAsync(SystemUnderTest system)
    {
        var connectionString = await system.ConnectionStringAsync("noticesdb");
        await using var data = NpgsqlDataSource.Create(connectionString);
        var tomorrow = Neighbourhood.Today(DateTimeOffset.UtcNow).AddDays(1);
        var startsAt = Neighbourhood.StartOf(tomorrow).AddHours(9);

        // 100 sessions tomorrow with 100 confirmed registrations each, as the read model holds them.
        foreach (var statement in new[]
        {
            """
            INSERT INTO tracked_sessions (session_id, title, starts_at, ends_at, cancelled, changed_at)
            SELECT gen_random_uuid(), '晨练 ' || s, $1, $1 + interval '1 hour', false, now() FROM generate_series(1, 100) s
            """,
            """
            INSERT INTO tracked_registrations (registration_id, session_id, resident_id, account_id, status, offer_reminded, changed_at)
            SELECT gen_random_uuid(), t.session_id, NULL, gen_random_uuid(), 'confirmed', false, now()
            FROM tracked_sessions t, generate_series(1, 100) WHERE t.starts_at = $1
            """,
        })
        {
            await using var seed = data.CreateCommand(statement);
            seed.Parameters.AddWithValue(startsAt);
            await seed.ExecuteNonQueryAsync();
        }

        // Baseline: the same 10,000 rows written by one statement, then removed again.
        var clock = Stopwatch.StartNew();
        await using (var floor = data.CreateCommand("""
            INSERT INTO notices (id, kind, dedupe_key, account_id, title, body, urgent, created_at, visible_from)
            SELECT gen_random_uuid(), 'bench', 'bench:' || r.registration_id, r.account_id, '明天有活动', '提醒您：明天有活动', false, now(), now()
            FROM tracked_registrations r JOIN tracked_sessions s USING (session_id) WHERE s.starts_at = $1;
            """))
        {
            floor.Parameters.AddWithValue(startsAt);
            await floor.ExecuteNonQueryAsync();
        }

        var baseline = clock.Elapsed;
        await using (var clean = data.CreateCommand("DELETE FROM notices WHERE kind = 'bench'"))
        {
            await clean.ExecuteNonQueryAsync();
        }

        // The Notices service's own job, in this process on the same database, on a clock at 18:05 today (Shanghai).
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<NoticesDbContext>(options => options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention());
        services.AddScoped<NoticeWriter>();
        services.AddSingleton<NoticeSignal>();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Neighbourhood.StartOf(tomorrow.AddDays(-1)).AddHours(18).AddMinutes(5)));
        services.Configure<NoticesOptions>(_ => { });
        services.AddSingleton<DayBeforeReminders>();
        await using var provider = services.BuildServiceProvider();
        clock.Restart();
        var written = await provider.GetRequiredService<DayBeforeReminders>().RemindAsync(CancellationToken.None);
        var took = clock.Elapsed;
        Console.WriteLine();
        Console.WriteLine("| 10,000 confirmed registrations tomorrow | figure |");
        Console.WriteLine("| --- | --- |");
        Console.WriteLine($"| one INSERT … SELECT of the same rows (baseline) | {baseline.TotalMilliseconds:0} ms |");
        Console.WriteLine($"| day-before reminder job | {written} written in {took.TotalSeconds:0.0} s ({took / baseline:0}× the baseline) |");
    }
}
