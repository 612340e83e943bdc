using Community.ServiceDefaults;
using Community.Services.Grid.Data;
using Community.Services.Grid.Visits;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Reports;

/// <summary>A period's figures for one grid or the neighbourhood, counted in the database: requests by category and status, SLA, satisfaction, escalations, visits and coverage.</summary>
public static class ReportFigures
{
    public static async Task<ReportDto> ReportAsync(this GridDbContext db, Guid? gridId, DateOnly first, DateOnly last, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var start = Neighbourhood.StartOf(first);
        var end = Neighbourhood.StartOf(last.AddDays(1));
        var counts = await db.Database.SqlQuery<CategoryStatusCount>($"""
            SELECT category, status, count(*)::int AS count FROM requests
            WHERE reported_at >= {start} AND reported_at < {end} AND ({gridId}::uuid IS NULL OR grid_id = {gridId}::uuid) AND status <> 'merged'
            GROUP BY category, status ORDER BY category, status
            """).ToListAsync(cancellationToken);
        var figures = await db.Database.SqlQuery<Figures>($"""
            SELECT count(*)::int AS total,
                   (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - reported_at) / 3600) FILTER (WHERE resolved_at IS NOT NULL))::float8 AS median_hours,
                   count(*) FILTER (WHERE resolved_at IS NOT NULL AND resolved_at <= due_at)::int AS within_sla,
                   count(*) FILTER (WHERE status = 'closed-unresolved')::int AS closed_unresolved,
                   count(*) FILTER (WHERE escalation_level > 0)::int AS escalated,
                   coalesce(sum(escalation_level), 0)::int AS escalations,
                   (SELECT count(*) FROM follow_ups f JOIN requests x ON x.id = f.request_id
                    WHERE x.reported_at >= {start} AND x.reported_at < {end} AND ({gridId}::uuid IS NULL OR x.grid_id = {gridId}::uuid))::int AS follow_ups,
                   (SELECT count(*) FROM follow_ups f JOIN requests x ON x.id = f.request_id
                    WHERE f.satisfied AND x.reported_at >= {start} AND x.reported_at < {end} AND ({gridId}::uuid IS NULL OR x.grid_id = {gridId}::uuid))::int AS satisfied,
                   (SELECT count(*) FROM visits v WHERE v.visited_at >= {start} AND v.visited_at < {end} AND ({gridId}::uuid IS NULL OR v.grid_id = {gridId}::uuid))::int AS visits
            FROM requests
            WHERE reported_at >= {start} AND reported_at < {end} AND ({gridId}::uuid IS NULL OR grid_id = {gridId}::uuid) AND status <> 'merged'
            """).SingleAsync(cancellationToken);
        var (households, covered) = await db.CountCoverageAsync(gridId, now, cancellationToken);
        return Assemble(gridId, first, last, figures, counts, households, covered);
    }

    /// <summary>
    /// The report from the counted figures: request shares of the requests reported (0 when there were none), the
    /// satisfaction rate only once someone was asked, the median to two places, coverage as the coverage view has it.
    /// </summary>
    internal static ReportDto Assemble(
        Guid? gridId, DateOnly first, DateOnly last, Figures figures, IReadOnlyList<CategoryStatusCount> counts, int households, int covered) =>
        new(gridId, first, last,
            new RequestFigures(figures.Total, counts, figures.MedianHours is { } m ? Math.Round(m, 2) : null, Share(figures.WithinSla, figures.Total),
                Share(figures.ClosedUnresolved, figures.Total), figures.FollowUps, figures.FollowUps == 0 ? null : Share(figures.Satisfied, figures.FollowUps),
                figures.Escalated, figures.Escalations),
            new VisitFigures(figures.Visits, households, covered, Coverage.Share(covered, households), households - covered));

    private static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    internal sealed record Figures(
        int Total, double? MedianHours, int WithinSla, int ClosedUnresolved, int Escalated, int Escalations, int FollowUps, int Satisfied, int Visits);
}
