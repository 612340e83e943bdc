using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Opportunities;
using Community.Services.Volunteers.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Matching;

public static class MatchingApi
{
    public static IEndpointRouteBuilder MapMatchingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/shifts/{shiftId:guid}/suggestions", SuggestAsync)
            .WithTags("Matching")
            .WithName("SuggestVolunteers")
            .WithSummary("Volunteers to ask for a shift, best first, each with the reasons for the suggestion: for the shift's supervisor (staff, or a grid worker of the shift's building).")
            .RequireAuthorization(Policies.Workers);
        return app;
    }

    internal static async Task<Results<Ok<IReadOnlyList<Suggestion>>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> SuggestAsync(
        Guid shiftId, int? limit, VolunteersDbContext db, Matcher matcher, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Range("limit", limit, 1, Matcher.MaxSuggestions);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var shift = await db.Shifts.AsNoTracking().FirstOrDefaultAsync(s => s.Id == shiftId, cancellationToken);
        if (shift is null)
        {
            return TypedResults.NotFound(ShiftProblems.NoSuchShift(shiftId));
        }

        if (!ShiftSupervision.Allows(await db.CallerAsync(caller, cancellationToken), shift))
        {
            return TypedResults.Forbid();
        }

        var skill = await db.Opportunities.Where(o => o.Id == shift.OpportunityId).Select(o => o.Skill).FirstAsync(cancellationToken);
        return TypedResults.Ok(await matcher.SuggestAsync(shift, skill, limit ?? 20, cancellationToken));
    }
}
