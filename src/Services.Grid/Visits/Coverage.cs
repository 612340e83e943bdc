using Community.ServiceDefaults;
using Community.Services.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Visits;

/// <summary>
/// Visit coverage: a household is covered when its last visit is within its cycle (the grid's; shorter for
/// households with a sensitive tag). Households in no grid count in the neighbourhood's figures with the default
/// cycles. The coverage view lists from it; reports count from it.
/// </summary>
public static class Coverage
{
    public const int MaxOverdueListed = 200;

    /// <summary>
    /// The coverage rule, once, in SQL: per household its cycle (the grid's, or the shorter one with a sensitive
    /// tag; the defaults outside any grid), whether its last visit is within it, and how many days overdue it is.
    /// </summary>
    internal static IQueryable<HouseholdCoverage> Households(GridDbContext db, Guid? gridId, DateTimeOffset now) => db.Database.SqlQuery<HouseholdCoverage>($"""
        SELECT x.household_id, x.building_id, x.unit, x.grid_id, x.vulnerable, x.last_visited_at, x.cycle_days,
               (x.last_visited_at IS NOT NULL AND x.last_visited_at + make_interval(days => x.cycle_days) >= {now}) AS covered,
               GREATEST(0, floor(extract(epoch FROM {now} - (coalesce(x.last_visited_at, x.created_at) + make_interval(days => x.cycle_days))) / 86400))::int AS days_overdue
        FROM (SELECT h.id AS household_id, h.building_id, h.unit, gb.grid_id, h.created_at, h.last_visited_at, t.vulnerable,
                     CASE WHEN t.vulnerable THEN coalesce(g.vulnerable_visit_cycle_days, 30) ELSE coalesce(g.visit_cycle_days, 90) END AS cycle_days
              FROM households h
              LEFT JOIN grid_buildings gb ON gb.building_id = h.building_id AND gb.until IS NULL
              LEFT JOIN grids g ON g.id = gb.grid_id
              CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM residents r JOIN resident_tags rt ON rt.resident_id = r.id
                                                 WHERE r.household_id = h.id AND r.moved_out_at IS NULL) AS vulnerable) t
              WHERE h.moved_out_at IS NULL AND ({gridId}::uuid IS NULL OR gb.grid_id = {gridId}::uuid)) x
        """);

    /// <summary>The coverage of one grid (or, null, the neighbourhood) as of <paramref name="now"/>, with visits per team member this month.</summary>
    public static async Task<CoverageDto> CoverageAsync(this GridDbContext db, Guid? gridId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var assessed = await Households(db, gridId, now).ToListAsync(cancellationToken);
        var counts = await db.Database.SqlQuery<VisitorRow>($"""
            SELECT visitor AS volunteer_id, count(*)::int AS visits
            FROM visits v, unnest(v.visitors) AS visitor
            WHERE v.visited_at >= {MonthStart(now)} AND ({gridId}::uuid IS NULL OR v.grid_id = {gridId}::uuid)
            GROUP BY visitor ORDER BY visits DESC LIMIT 500
            """).ToListAsync(cancellationToken);
        var ids = counts.Select(c => c.VolunteerId).ToList();
        var names = await db.KnownVolunteers.AsNoTracking().Where(v => ids.Contains(v.VolunteerId)).ToDictionaryAsync(v => v.VolunteerId, v => v.DisplayName, cancellationToken);
        return Summarize(gridId, now, assessed, counts.Select(c => new VisitorCount(c.VolunteerId, names.GetValueOrDefault(c.VolunteerId), c.Visits)).ToList());
    }

    /// <summary>Only the totals (for reports), counted in the database from the same rule.</summary>
    public static async Task<(int Households, int Covered)> CountCoverageAsync(this GridDbContext db, Guid? gridId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var totals = await Households(db, gridId, now).GroupBy(_ => 1)
            .Select(g => new { Households = g.Count(), Covered = g.Count(h => h.Covered) }).FirstOrDefaultAsync(cancellationToken);
        return (totals?.Households ?? 0, totals?.Covered ?? 0);
    }

    /// <summary>"This month" for visit counts: from midnight of the first of the neighbourhood's current month.</summary>
    internal static DateTimeOffset MonthStart(DateTimeOffset now)
    {
        var today = Neighbourhood.Today(now);
        return Neighbourhood.StartOf(new DateOnly(today.Year, today.Month, 1));
    }

    /// <summary>
    /// The view from the assessed households: totals and shares (all covered when there is nobody to visit), the
    /// most overdue first with vulnerable households before others on the same day, and each grid's figures
    /// (households in no grid last).
    /// </summary>
    internal static CoverageDto Summarize(Guid? gridId, DateTimeOffset now, IReadOnlyList<HouseholdCoverage> assessed, IReadOnlyList<VisitorCount> visitors)
    {
        var overdue = assessed.Where(a => !a.Covered)
            .OrderByDescending(a => a.DaysOverdue).ThenByDescending(a => a.Vulnerable).ThenBy(a => a.LastVisitedAt ?? DateTimeOffset.MinValue)
            .Select(a => new OverdueHousehold(a.HouseholdId, a.BuildingId, a.Unit, a.GridId, a.Vulnerable, a.LastVisitedAt, a.CycleDays, a.DaysOverdue))
            .ToList();
        var grids = assessed.GroupBy(a => a.GridId)
            .Select(g => new GridCoverage(g.Key, g.Count(), g.Count(a => a.Covered), Share(g.Count(a => a.Covered), g.Count())))
            .OrderBy(g => g.GridId is null).ThenBy(g => g.GridId).ToList();
        var covered = assessed.Count(a => a.Covered);
        return new CoverageDto(gridId, now, assessed.Count, covered, Share(covered, assessed.Count),
            assessed.Count(a => a.Vulnerable), assessed.Count(a => a.Vulnerable && a.Covered),
            overdue.Count, overdue.Take(MaxOverdueListed).ToList(), visitors, grids);
    }

    /// <summary>The covered share, to four places; with no households, everything that should be visited was.</summary>
    internal static double Share(int covered, int households) => households == 0 ? 1 : Math.Round((double)covered / households, 4);

    internal sealed record HouseholdCoverage(
        Guid HouseholdId, Guid BuildingId, string Unit, Guid? GridId, bool Vulnerable, DateTimeOffset? LastVisitedAt, int CycleDays, bool Covered, int DaysOverdue);

    internal sealed record VisitorRow(Guid VolunteerId, int Visits);
}
