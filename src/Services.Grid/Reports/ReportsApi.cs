using System.Globalization;
using System.Security.Claims;
using System.Text;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Community.Services.Grid.Visits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Reports;

public sealed record CategoryStatusCount(string Category, string Status, int Count);

/// <param name="ResolvedWithinSlaShare">Of the requests reported in the period (merged duplicates left out), the share resolved by their due time.</param>
/// <param name="ClosedUnresolvedShare">The share closed without being resolved: it never counts as resolved.</param>
/// <param name="SatisfactionRate">Of the follow-ups recorded for these requests, the share satisfied (null: none yet).</param>
public sealed record RequestFigures(
    int Total, IReadOnlyList<CategoryStatusCount> ByCategoryAndStatus, double? MedianHoursToResolve, double ResolvedWithinSlaShare,
    double ClosedUnresolvedShare, int FollowUps, double? SatisfactionRate, int Escalated, int Escalations);

public sealed record VisitFigures(int VisitsInPeriod, int Households, int Covered, double CoveredShare, int Overdue);

public sealed record ReportDto(Guid? GridId, DateOnly From, DateOnly To, RequestFigures Requests, VisitFigures Visits);

/// <summary>Per grid or for the neighbourhood over a period of local dates: requests and visits, as JSON or CSV.</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports", ReportAsync).WithTags("Reports").WithName("Report")
            .WithSummary("Requests by category and status, median time to resolve, share within SLA, closed-unresolved, satisfaction, escalations, visit coverage. format=csv for a download.")
            .RequireAuthorization(Policies.Workers);
        return app;
    }

    internal static async Task<Results<Ok<ReportDto>, FileContentHttpResult, ValidationProblem, ForbidHttpResult, NotFound<ProblemDetails>>> ReportAsync(
        DateOnly? from, DateOnly? to, Guid? gridId, string? format, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = Neighbourhood.Today(now);
        var first = from ?? new DateOnly(today.Year, today.Month, 1);
        var last = to ?? today;
        var errors = new FieldErrors();
        if (last < first || last.DayNumber - first.DayNumber > 3660)
        {
            errors.Add("to", "must not be before 'from', and the period at most ten years.");
        }

        if (format is not (null or "json" or "csv"))
        {
            errors.Add("format", "must be json or csv.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (gridId is { } g && !await db.Grids.AnyAsync(x => x.Id == g, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such grid.", $"There is no grid {g}."));
        }

        // A grid worker reports on their own grid; the neighbourhood is for staff.
        if (!await db.MayWorkOnAsync(caller, gridId, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var report = await ComputeAsync(db, gridId, first, last, now, cancellationToken);
        if (format == "csv")
        {
            var name = $"report-{(gridId is null ? "neighbourhood" : gridId.ToString())}-{first:yyyyMMdd}-{last:yyyyMMdd}.csv";
            return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ToCsv(report))).ToArray(), "text/csv; charset=utf-8", name);
        }

        return TypedResults.Ok(report);
    }

    internal static async Task<ReportDto> ComputeAsync(GridDbContext db, Guid? gridId, DateOnly first, DateOnly last, DateTimeOffset now, CancellationToken cancellationToken)
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
        var (households, covered) = await CoverageApi.CountAsync(db, gridId, now, cancellationToken);

        static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
        return new ReportDto(gridId, first, last,
            new RequestFigures(figures.Total, counts, figures.MedianHours is { } m ? Math.Round(m, 2) : null, Share(figures.WithinSla, figures.Total),
                Share(figures.ClosedUnresolved, figures.Total), figures.FollowUps, figures.FollowUps == 0 ? null : Share(figures.Satisfied, figures.FollowUps),
                figures.Escalated, figures.Escalations),
            new VisitFigures(figures.Visits, households, covered, households == 0 ? 1 : Math.Round((double)covered / households, 4), households - covered));
    }

    /// <summary>One figure per line (measure, category, status, value), so a spreadsheet can pivot it.</summary>
    internal static string ToCsv(ReportDto report)
    {
        var csv = new StringBuilder("measure,category,status,value\n");
        void Line(string measure, object? value, string category = "", string status = "") =>
            csv.Append(CultureInfo.InvariantCulture, $"{measure},{category},{status},{Convert.ToString(value, CultureInfo.InvariantCulture)}\n");
        Line("period_from", report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Line("period_to", report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Line("grid", report.GridId?.ToString() ?? "neighbourhood");
        Line("requests", report.Requests.Total);
        foreach (var row in report.Requests.ByCategoryAndStatus)
        {
            Line("requests", row.Count, row.Category, row.Status);
        }

        Line("median_hours_to_resolve", report.Requests.MedianHoursToResolve);
        Line("resolved_within_sla_share", report.Requests.ResolvedWithinSlaShare);
        Line("closed_unresolved_share", report.Requests.ClosedUnresolvedShare);
        Line("follow_ups", report.Requests.FollowUps);
        Line("satisfaction_rate", report.Requests.SatisfactionRate);
        Line("requests_escalated", report.Requests.Escalated);
        Line("escalations", report.Requests.Escalations);
        Line("visits", report.Visits.VisitsInPeriod);
        Line("households", report.Visits.Households);
        Line("households_covered", report.Visits.Covered);
        Line("coverage_share", report.Visits.CoveredShare);
        Line("households_overdue", report.Visits.Overdue);
        return csv.ToString();
    }

    internal sealed record Figures(
        int Total, double? MedianHours, int WithinSla, int ClosedUnresolved, int Escalated, int Escalations, int FollowUps, int Satisfied, int Visits);
}
