using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Visits;

/// <summary>The coverage views: one grid's (staff and its team) and the neighbourhood's (staff).</summary>
public static class CoverageApi
{
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

        return TypedResults.Ok(await db.CoverageAsync(id, time.GetUtcNow(), cancellationToken));
    }

    internal static async Task<Ok<CoverageDto>> NeighbourhoodAsync(GridDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.CoverageAsync(null, time.GetUtcNow(), cancellationToken));
}
