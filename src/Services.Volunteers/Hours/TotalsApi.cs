using System.Security.Claims;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Hours;

/// <param name="Key">The volunteer or team id, the kind's code, or the month ("2026-11").</param>
public sealed record HoursTotalRow(string Key, string Label, int Minutes, double Hours, int Volunteers);

public sealed record HoursTotalsDto(string By, DateOnly From, DateOnly To, IReadOnlyList<HoursTotalRow> Rows, int TotalMinutes);

/// <summary>Confirmed service time over a period, grouped per volunteer, team (time served while a member), kind or month.</summary>
public static class TotalsApi
{
    public static readonly IReadOnlyList<string> Groupings = ["volunteer", "team", "kind", "month"];

    public static IEndpointRouteBuilder MapTotalsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/hours/totals", TotalsAsync)
            .WithTags("Hours")
            .WithName("HoursTotals")
            .WithSummary("Confirmed hours between two local dates (inclusive), by volunteer, team, kind or month; by volunteer, a grid worker sees those living in the grids they work.")
            .RequireAuthorization(Policies.Workers);
        return app;
    }

    internal static async Task<Results<Ok<HoursTotalsDto>, ValidationProblem>> TotalsAsync(
        string? by, DateOnly? from, DateOnly? to, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var today = Neighbourhood.Today(time.GetUtcNow());
        var (first, last) = ReportingPeriod.Resolve(from, to, today);
        var errors = new FieldErrors();
        if (by is null || !Groupings.Contains(by))
        {
            errors.Add("by", $"must be one of: {string.Join(", ", Groupings)}.");
        }

        if (errors.CheckPeriod(first, last, tenYearsAtMost: true).Any)
        {
            return errors.ToProblem();
        }

        var (start, end) = ReportingPeriod.Bounds(first, last);
        // Named people: every volunteer for staff, those living in the grids they work for a grid worker (as the records
        // they may open); the other groupings are counts.
        var who = await db.CallerAsync(caller, cancellationToken);
        var everyone = who.IsStaff;
        var buildings = who.WorkedBuildings.ToArray();
        var rows = by switch
        {
            "volunteer" => db.Database.SqlQuery<HoursTotalRow>($"""
                SELECT v.id::text AS key, v.display_name AS label, SUM(h.minutes)::int AS minutes, 0::float8 AS hours, 1 AS volunteers
                FROM service_hours h JOIN volunteers v ON v.id = h.volunteer_id
                WHERE h.status = 'confirmed' AND h.served_at >= {start} AND h.served_at < {end}
                  AND ({everyone} OR v.home_building_id = ANY({buildings}))
                GROUP BY v.id, v.display_name ORDER BY minutes DESC, label LIMIT 1000
                """),
            "team" => db.Database.SqlQuery<HoursTotalRow>($"""
                SELECT t.id::text AS key, t.name AS label, SUM(h.minutes)::int AS minutes, 0::float8 AS hours, COUNT(DISTINCT h.volunteer_id)::int AS volunteers
                FROM service_hours h
                JOIN team_memberships m ON m.volunteer_id = h.volunteer_id AND m.joined_at <= h.served_at AND (m.left_at IS NULL OR m.left_at > h.served_at)
                JOIN teams t ON t.id = m.team_id
                WHERE h.status = 'confirmed' AND h.served_at >= {start} AND h.served_at < {end}
                GROUP BY t.id, t.name ORDER BY minutes DESC, label
                """),
            "kind" => db.Database.SqlQuery<HoursTotalRow>($"""
                SELECT v.kind AS key, v.kind AS label, SUM(h.minutes)::int AS minutes, 0::float8 AS hours, COUNT(DISTINCT h.volunteer_id)::int AS volunteers
                FROM service_hours h JOIN volunteers v ON v.id = h.volunteer_id
                WHERE h.status = 'confirmed' AND h.served_at >= {start} AND h.served_at < {end}
                GROUP BY v.kind ORDER BY minutes DESC, label
                """),
            _ => db.Database.SqlQuery<HoursTotalRow>($"""
                SELECT to_char(h.served_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS key,
                       to_char(h.served_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS label,
                       SUM(h.minutes)::int AS minutes, 0::float8 AS hours, COUNT(DISTINCT h.volunteer_id)::int AS volunteers
                FROM service_hours h
                WHERE h.status = 'confirmed' AND h.served_at >= {start} AND h.served_at < {end}
                GROUP BY 1 ORDER BY 1
                """),
        };
        var list = (await rows.ToListAsync(cancellationToken)).Select(r => r with { Hours = Math.Round(r.Minutes / 60.0, 2) }).ToList();
        return TypedResults.Ok(new HoursTotalsDto(by!, first, last, list, list.Sum(r => r.Minutes)));
    }
}
