using System.Security.Claims;
using System.Text;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Reports;

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

        var report = await db.ReportAsync(gridId, first, last, now, cancellationToken);
        if (format == "csv")
        {
            var name = $"report-{(gridId is null ? "neighbourhood" : gridId.ToString())}-{first:yyyyMMdd}-{last:yyyyMMdd}.csv";
            return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ReportCsv.Write(report))).ToArray(), "text/csv; charset=utf-8", name);
        }

        return TypedResults.Ok(report);
    }
}
