using System.Security.Claims;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Visits;

public sealed record OverdueHousehold(Guid HouseholdId, Guid BuildingId, string Unit, Guid? GridId, bool Vulnerable, DateTimeOffset? LastVisitedAt, int CycleDays, int DaysOverdue);

public sealed record VisitorCount(Guid VolunteerId, string? DisplayName, int Visits);

public sealed record GridCoverage(Guid? GridId, int Households, int Covered, double CoveredShare);

/// <param name="Overdue">The most overdue first, vulnerable households (with a sensitive tag) before others on the same day; at most 200.</param>
public sealed record CoverageDto(
    Guid? GridId, DateTimeOffset AsOf, int Households, int Covered, double CoveredShare, int VulnerableHouseholds, int VulnerableCovered,
    int OverdueTotal, IReadOnlyList<OverdueHousehold> Overdue, IReadOnlyList<VisitorCount> VisitsThisMonth, IReadOnlyList<GridCoverage> Grids);

/// <summary>
/// Visit coverage: a household is covered when its last visit is within its cycle (the grid's; shorter for
/// households with a sensitive tag). Households in no grid count in the neighbourhood's figures with the default cycles.
/// </summary>
public static class CoverageApi
{
    public const int MaxOverdueListed = 200;

    public static IEndpointRouteBuilder MapCoverageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/grids/{id:guid}/coverage", GridAsync).WithTags("Visits").WithName("GridCoverage")
            .WithSummary("A grid's visit coverage, overdue households and visits per team member this month (staff and the grid's team).")
            .RequireAuthorization(Policies.Workers);
        app.MapGet("/coverage", NeighbourhoodAsync).WithTags("Visits").WithName("NeighbourhoodCoverage")
            .WithSummary("The whole neighbourhood's visit coverage, per grid and in all (staff).")
            .RequireAuthorization(Policies.Staff);
        return app;
    }

    internal static async Task<Results<Ok<CoverageDto>, NotFound<ProblemDetails>, ForbidHttpResult>> GridAsync(
        Guid id, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!await db.Grids.AnyAsync(g => g.Id == id, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such grid.", $"There is no grid {id}."));
        }

        if (!await db.MayWorkOnAsync(caller, id, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        return TypedResults.Ok(await ComputeAsync(db, id, time.GetUtcNow(), cancellationToken));
    }

    internal static async Task<Ok<CoverageDto>> NeighbourhoodAsync(GridDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ComputeAsync(db, null, time.GetUtcNow(), cancellationToken));

    /// <summary>
    /// The coverage rule, once, in SQL: per household its cycle (the grid's, or the shorter one with a sensitive
    /// tag; the defaults outside any grid), whether its last visit is within it, and how many days overdue it is.
    /// The view lists from it; reports count from it.
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
                                                 WHERE r.household_id = h.id) AS vulnerable) t
              WHERE {gridId}::uuid IS NULL OR gb.grid_id = {gridId}::uuid) x
        """);

    internal static async Task<CoverageDto> ComputeAsync(GridDbContext db, Guid? gridId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var assessed = await Households(db, gridId, now).ToListAsync(cancellationToken);
        var overdue = assessed.Where(a => !a.Covered)
            .OrderByDescending(a => a.DaysOverdue).ThenByDescending(a => a.Vulnerable).ThenBy(a => a.LastVisitedAt ?? DateTimeOffset.MinValue)
            .Select(a => new OverdueHousehold(a.HouseholdId, a.BuildingId, a.Unit, a.GridId, a.Vulnerable, a.LastVisitedAt, a.CycleDays, a.DaysOverdue))
            .ToList();

        var today = Neighbourhood.Today(now);
        var monthStart = Neighbourhood.StartOf(new DateOnly(today.Year, today.Month, 1));
        var counts = await db.Database.SqlQuery<VisitorRow>($"""
            SELECT visitor AS volunteer_id, count(*)::int AS visits
            FROM visits v, unnest(v.visitors) AS visitor
            WHERE v.visited_at >= {monthStart} AND ({gridId}::uuid IS NULL OR v.grid_id = {gridId}::uuid)
            GROUP BY visitor ORDER BY visits DESC LIMIT 500
            """).ToListAsync(cancellationToken);
        var ids = counts.Select(c => c.VolunteerId).ToList();
        var names = await db.KnownVolunteers.AsNoTracking().Where(v => ids.Contains(v.VolunteerId)).ToDictionaryAsync(v => v.VolunteerId, v => v.DisplayName, cancellationToken);

        var grids = assessed.GroupBy(a => a.GridId)
            .Select(g => new GridCoverage(g.Key, g.Count(), g.Count(a => a.Covered), Share(g.Count(a => a.Covered), g.Count())))
            .OrderBy(g => g.GridId is null).ThenBy(g => g.GridId).ToList();
        var covered = assessed.Count(a => a.Covered);
        return new CoverageDto(gridId, now, assessed.Count, covered, Share(covered, assessed.Count),
            assessed.Count(a => a.Vulnerable), assessed.Count(a => a.Vulnerable && a.Covered),
            overdue.Count, overdue.Take(MaxOverdueListed).ToList(),
            counts.Select(c => new VisitorCount(c.VolunteerId, names.GetValueOrDefault(c.VolunteerId), c.Visits)).ToList(), grids);
    }

    /// <summary>Only the totals (for reports), counted in the database from the same rule.</summary>
    internal static async Task<(int Households, int Covered)> CountAsync(GridDbContext db, Guid? gridId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var totals = await Households(db, gridId, now).GroupBy(_ => 1)
            .Select(g => new { Households = g.Count(), Covered = g.Count(h => h.Covered) }).FirstOrDefaultAsync(cancellationToken);
        return (totals?.Households ?? 0, totals?.Covered ?? 0);
    }

    private static double Share(int part, int whole) => whole == 0 ? 1 : Math.Round((double)part / whole, 4);

    internal sealed record HouseholdCoverage(
        Guid HouseholdId, Guid BuildingId, string Unit, Guid? GridId, bool Vulnerable, DateTimeOffset? LastVisitedAt, int CycleDays, bool Covered, int DaysOverdue);

    internal sealed record VisitorRow(Guid VolunteerId, int Visits);
}
