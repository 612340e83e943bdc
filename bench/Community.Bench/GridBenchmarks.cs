using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Npgsql;

namespace Community.Bench;

/// <summary>The Grid issue's speed figures: coverage and the monthly report over a neighbourhood-sized data set.</summary>
public static class GridBenchmarks
{
    /// <summary>10 grids x 20 buildings, 10,000 households, 30,000 residents, 200,000 visits and 50,000 requests over the past year.</summary>
    private static async Task<Guid> SeedAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO grids (id, name, visit_cycle_days, vulnerable_visit_cycle_days, created_at)
            SELECT md5('grid' || g)::uuid, 'bench grid ' || g, 90, 30, now() - interval '2 years' FROM generate_series(1, 10) g;

            INSERT INTO buildings (id, compound_id, number, floors, registered_at)
            SELECT md5('building' || b)::uuid, ('0195a000-0000-7000-8000-00000000000' || (1 + b % 2))::uuid, 'bench-' || b, 18, now() - interval '2 years'
            FROM generate_series(1, 200) b;

            INSERT INTO grid_buildings (id, grid_id, building_id, "from")
            SELECT gen_random_uuid(), md5('grid' || (1 + (b - 1) / 20))::uuid, md5('building' || b)::uuid, now() - interval '2 years' FROM generate_series(1, 200) b;

            INSERT INTO team_members (id, grid_id, volunteer_id, role, "from")
            SELECT gen_random_uuid(), md5('grid' || g)::uuid, md5('member' || g || '-' || m)::uuid,
                   (ARRAY['secretary', 'building-leader', 'youth-representative', 'volunteer'])[least(m, 4)], now() - interval '1 year'
            FROM generate_series(1, 10) g, generate_series(1, 6) m;

            INSERT INTO households (id, building_id, unit, created_at)
            SELECT md5('household' || h)::uuid, md5('building' || (1 + (h - 1) / 50))::uuid, 'U' || h, now() - interval '2 years'
            FROM generate_series(1, 10000) h;

            INSERT INTO residents (id, household_id, name, birth_year, phone, created_at)
            SELECT md5('resident' || r)::uuid, md5('household' || (1 + (r - 1) / 3))::uuid, 'bench ' || r, 1940 + r % 70,
                   '139' || lpad((r % 100000000)::text, 8, '0'), now() - interval '2 years'
            FROM generate_series(1, 30000) r;

            INSERT INTO resident_tags (resident_id, tag, consent, recorded_by, consented_at)
            SELECT md5('resident' || r)::uuid, 'living-alone', 'bench', 'bench', now() FROM generate_series(1, 30000, 10) r;

            INSERT INTO visits (id, grid_id, household_id, visited_at, visitors, note, needs_found, recorded_by)
            SELECT gen_random_uuid(), md5('grid' || (1 + (hh - 1) / 1000))::uuid, md5('household' || hh)::uuid,
                   now() - random() * interval '365 days', ARRAY[md5('member' || (1 + (hh - 1) / 1000) || '-' || (1 + v % 6))::uuid], NULL, 0, 'bench'
            FROM (SELECT v, 1 + (hashtext(v::text) & 2147483647) % 10000 AS hh FROM generate_series(1, 200000) v) x;

            -- What logging each visit through the API keeps up to date.
            UPDATE households h SET last_visited_at = (SELECT max(v.visited_at) FROM visits v WHERE v.household_id = h.id);

            INSERT INTO requests (id, category, priority, channel, building_id, description, pictures, anonymous, taken_by, status, grid_id,
                                  escalation_level, reported_at, due_at, next_escalation_at, resolved_at, closed_at)
            SELECT gen_random_uuid(),
                   (ARRAY['repair','neighbour-dispute','environment-garbage','stray-animals','elderly-care','equipment-need','suggestion','other'])[1 + q % 8],
                   CASE WHEN q % 10 = 0 THEN 'urgent' ELSE 'normal' END, 'building-chat', md5('building' || b)::uuid, 'bench', '{}', false, 'bench',
                   (ARRAY['closed','closed','closed','resolved','in-progress','reported','closed-unresolved','returned'])[1 + q % 8],
                   md5('grid' || (1 + (b - 1) / 20))::uuid, q % 3, at, at + interval '72 hours', NULL,
                   CASE WHEN q % 8 < 4 THEN at + (q % 100) * interval '1 hour' END, CASE WHEN q % 8 < 3 OR q % 8 = 6 THEN at + interval '5 days' END
            FROM (SELECT q, 1 + q % 200 AS b, now() - random() * interval '365 days' AS at FROM generate_series(1, 50000) q) x;

            INSERT INTO follow_ups (id, request_id, at, by, satisfied, comment)
            SELECT gen_random_uuid(), id, resolved_at + interval '1 day', 'bench', random() < 0.8, NULL FROM requests WHERE resolved_at IS NOT NULL;

            ANALYZE;
            """);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
        return await GridIdAsync(db);
    }

    private static async Task<Guid> GridIdAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT id FROM grids WHERE name = 'bench grid 3'");
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    public static async Task CoverageAndReportAsync(SystemUnderTest system)
    {
        await using var db = NpgsqlDataSource.Create(await system.ConnectionStringAsync("griddb"));
        var seed = Stopwatch.StartNew();
        var grid = await SeedAsync(db);
        Console.WriteLine($"Seeded 10 grids, 200 buildings, 10,000 households, 30,000 residents, 200,000 visits, 50,000 requests in {seed.Elapsed.TotalSeconds:0.0} s.");

        var staff = await system.ClientAsync("grid", Roles.StationStaff);
        var today = DateTime.UtcNow.AddHours(8);
        var month = $"from={today:yyyy-MM}-01&to={today:yyyy-MM-dd}";
        var paths = new (string Name, string Path, int Rate)[]
        {
            ("baseline GET /compounds", "/compounds", 10),
            ("coverage, one grid", $"/grids/{grid}/coverage", 10),
            ("coverage, neighbourhood", "/coverage", 5),
            ("coverage, neighbourhood", "/coverage", 1),
            ("monthly report, one grid", $"/reports?gridId={grid}&{month}", 10),
            ("monthly report, neighbourhood", $"/reports?{month}", 5),
            ("monthly report, neighbourhood", $"/reports?{month}", 1),
        };
        var sample = await staff.GetFromJsonAsync<JsonElement>($"/reports?{month}");
        Console.WriteLine($"Neighbourhood this month: {sample.GetProperty("requests").GetProperty("total")} requests, coverage {sample.GetProperty("visits").GetProperty("coveredShare")}.");

        foreach (var (name, path, _) in paths)
        {
            await Load.SaturateAsync("warm-up", async () => (await staff.GetAsync(path)).IsSuccessStatusCode, 2, TimeSpan.FromSeconds(5));
            var alone = await Load.SaturateAsync(name, async () => (await staff.GetAsync(path)).IsSuccessStatusCode, 1, TimeSpan.FromSeconds(5));
            Console.WriteLine($"{name}: one at a time, p50 {alone.P50Ms:0.0} ms");
        }

        var results = new List<LoadResult>();
        foreach (var (name, path, rate) in paths)
        {
            results.Add(await Load.FixedRateAsync($"{name}, {rate} req/s", async () => (await staff.GetAsync(path)).IsSuccessStatusCode, rate, TimeSpan.FromSeconds(20)));
        }

        Console.WriteLine();
        Console.WriteLine("Grid coverage and reports (direct to the service)");
        Load.Print(results);
        Console.WriteLine("p99 ratio to the baseline: " + string.Join(", ", results.Skip(1).Select(r => $"{r.Name} {r.P99Ms / results[0].P99Ms:0.0}")));
    }
}
