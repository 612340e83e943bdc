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
            .RequireAuthorization(p => p.RequireRole(Roles.StationStaff, Roles.Admin, Roles.GridWorker));
        app.MapGet("/coverage", NeighbourhoodAsync).WithTags("Visits").WithName("NeighbourhoodCoverage")
            .WithSummary("The whole neighbourhood's visit coverage, per grid and in all (staff).")
            .RequireAuthorization(p => p.RequireRole(Roles.StationStaff, Roles.Admin));
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

    internal static async Task<CoverageDto> ComputeAsync(GridDbContext db, Guid? gridId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<HouseholdRow>($"""
            SELECT h.id AS household_id, h.building_id, h.unit, gb.grid_id, h.created_at,
                   EXISTS (SELECT 1 FROM residents r JOIN resident_tags t ON t.resident_id = r.id WHERE r.household_id = h.id) AS vulnerable,
                   h.last_visited_at,
                   coalesce(g.visit_cycle_days, 90) AS visit_cycle_days, coalesce(g.vulnerable_visit_cycle_days, 30) AS vulnerable_visit_cycle_days
            FROM households h
            LEFT JOIN grid_buildings gb ON gb.building_id = h.building_id AND gb.until IS NULL
            LEFT JOIN grids g ON g.id = gb.grid_id
            WHERE {gridId}::uuid IS NULL OR gb.grid_id = {gridId}::uuid
            """).ToListAsync(cancellationToken);

        var assessed = rows.Select(r =>
        {
            var cycle = r.Vulnerable ? r.VulnerableVisitCycleDays : r.VisitCycleDays;
            var due = (r.LastVisitedAt ?? r.CreatedAt).AddDays(cycle);
            var covered = r.LastVisitedAt is not null && due >= now;
            return (Row: r, Cycle: cycle, Covered: covered, DaysOverdue: covered ? 0 : Math.Max(0, (int)Math.Floor((now - due).TotalDays)));
        }).ToList();

        var overdue = assessed.Where(a => !a.Covered)
            .OrderByDescending(a => a.DaysOverdue).ThenByDescending(a => a.Row.Vulnerable).ThenBy(a => a.Row.LastVisitedAt ?? DateTimeOffset.MinValue)
            .Select(a => new OverdueHousehold(a.Row.HouseholdId, a.Row.BuildingId, a.Row.Unit, a.Row.GridId, a.Row.Vulnerable, a.Row.LastVisitedAt, a.Cycle, a.DaysOverdue))
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

        var grids = assessed.GroupBy(a => a.Row.GridId)
            .Select(g => new GridCoverage(g.Key, g.Count(), g.Count(a => a.Covered), Share(g.Count(a => a.Covered), g.Count())))
            .OrderBy(g => g.GridId is null).ThenBy(g => g.GridId).ToList();
        var covered = assessed.Count(a => a.Covered);
        return new CoverageDto(gridId, now, assessed.Count, covered, Share(covered, assessed.Count),
            assessed.Count(a => a.Row.Vulnerable), assessed.Count(a => a.Row.Vulnerable && a.Covered),
            overdue.Count, overdue.Take(MaxOverdueListed).ToList(),
            counts.Select(c => new VisitorCount(c.VolunteerId, names.GetValueOrDefault(c.VolunteerId), c.Visits)).ToList(), grids);
    }

    /// <summary>Only the totals (for reports): the same rule as <see cref="ComputeAsync"/>, counted in the database.</summary>
    internal static async Task<(int Households, int Covered)> CountAsync(GridDbContext db, Guid? gridId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.Database.SqlQuery<CountRow>($"""
            SELECT count(*)::int AS households,
                   count(*) FILTER (WHERE x.last_visited_at IS NOT NULL AND x.last_visited_at + make_interval(days => x.cycle) >= {now})::int AS covered
            FROM (SELECT h.last_visited_at,
                         CASE WHEN EXISTS (SELECT 1 FROM residents r JOIN resident_tags t ON t.resident_id = r.id WHERE r.household_id = h.id)
                              THEN coalesce(g.vulnerable_visit_cycle_days, 30) ELSE coalesce(g.visit_cycle_days, 90) END AS cycle
                  FROM households h
                  LEFT JOIN grid_buildings gb ON gb.building_id = h.building_id AND gb.until IS NULL
                  LEFT JOIN grids g ON g.id = gb.grid_id
                  WHERE {gridId}::uuid IS NULL OR gb.grid_id = {gridId}::uuid) x
            """).SingleAsync(cancellationToken);
        return (row.Households, row.Covered);
    }

    private static double Share(int part, int whole) => whole == 0 ? 1 : Math.Round((double)part / whole, 4);

    internal sealed record HouseholdRow(
        Guid HouseholdId, Guid BuildingId, string Unit, Guid? GridId, DateTimeOffset CreatedAt, bool Vulnerable, DateTimeOffset? LastVisitedAt,
        int VisitCycleDays, int VulnerableVisitCycleDays);

    internal sealed record VisitorRow(Guid VolunteerId, int Visits);

    internal sealed record CountRow(int Households, int Covered);
}
