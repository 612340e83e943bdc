using System.Security.Claims;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Cats;

/// <summary>"Nuisance falls", month by month: per colony for its team, for the whole neighbourhood for staff.</summary>
public static class CatReportsApi
{
    public static IEndpointRouteBuilder MapCatReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/colonies/{id:guid}/report", ColonyAsync).WithTags("Cats").WithName("ColonyCatReport")
            .WithSummary("Per month (from, to as yyyy-MM; the six up to this one by default): complaints linked to the colony, cats and the share neutered at month end, adoptions; and the complaints trend.")
            .RequireAuthorization(Policies.Workers);
        app.MapGet("/cats/report", NeighbourhoodAsync).WithTags("Cats").WithName("NeighbourhoodCatReport")
            .WithSummary("The same for the neighbourhood (staff): every stray-animals complaint, every colony's cats.")
            .RequireAuthorization(Policies.Staff);
        return app;
    }

    internal static async Task<Results<Ok<CatReportDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> ColonyAsync(
        Guid id, string? from, string? to, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = CatReport.CheckPeriod(from, to, Neighbourhood.Today(now), out var first, out var last);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var colony = await db.Colonies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (colony is null)
        {
            return CatProblems.NoSuchColony(id);
        }

        if (!await db.MayWorkOnColonyAsync(caller, colony, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        return TypedResults.Ok(await db.CatReportAsync(id, first, last, now, cancellationToken));
    }

    internal static async Task<Results<Ok<CatReportDto>, ValidationProblem>> NeighbourhoodAsync(
        string? from, string? to, GridDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = CatReport.CheckPeriod(from, to, Neighbourhood.Today(now), out var first, out var last);
        return errors.Any ? errors.ToProblem() : TypedResults.Ok(await db.CatReportAsync(null, first, last, now, cancellationToken));
    }
}
