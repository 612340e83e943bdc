using System.Security.Claims;
using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Places;
using Community.Services.Grid.Grids;
using Community.Services.Grid.Requests;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Grid.Visits;

/// <summary>Household visits (走访) by the grid's team; each need found on a visit becomes a request.</summary>
public static class VisitsApi
{
    public static IEndpointRouteBuilder MapVisitsApi(this IEndpointRouteBuilder app)
    {
        var visits = app.MapGroup("").WithTags("Visits").RequireAuthorization(Policies.Workers);
        visits.MapPost("/visits", LogAsync).WithName("LogVisit").WithSummary("A team member logs a household visit; each need found opens a resident request.");
        visits.MapGet("/households/{id:guid}/visits", ListAsync).WithName("HouseholdVisits").WithSummary("A household's visits, newest first (staff and the grid's team).");
        return app;
    }

    internal static async Task<Results<Created<VisitDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> LogAsync(
        LogVisitRequest request, GridDbContext db, TimeProvider time, IOptions<SlaOptions> sla, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new FieldErrors().Optional("note", request.Note, 500);
        if (request.HouseholdId is null)
        {
            errors.Add("householdId", "is required.");
        }

        if (request.VisitedAt is not { } visitedAt || visitedAt > now.AddMinutes(5) || visitedAt < now.AddDays(-60))
        {
            errors.Add("visitedAt", "is required: when the visit happened, not in the future and within the last 60 days.");
        }

        var visitors = request.VisitorIds?.Distinct().ToList() ?? [];
        if (visitors.Count is 0 or > 10)
        {
            errors.Add("visitorIds", "one to ten team members who went.");
        }

        var needs = request.Needs ?? [];
        for (var i = 0; i < needs.Count; i++)
        {
            errors.OneOf($"needs[{i}].category", needs[i].Category, RequestCategories.All);
            if (needs[i].Priority is { } priority)
            {
                errors.OneOf($"needs[{i}].priority", priority, RequestPriorities.All);
            }

            errors.Require($"needs[{i}].description", needs[i].Description, 2000);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == request.HouseholdId, cancellationToken);
        if (household is null)
        {
            return PeopleProblems.NoSuchHousehold(request.HouseholdId);
        }

        if (household.MovedOutAt is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("The household moved out.", $"Household {household.Unit} moved out on {household.MovedOutAt:yyyy-MM-dd}; nobody is there to visit."));
        }

        var gridId = await db.GridOfBuildingAsync(household.BuildingId, cancellationToken);
        if (gridId is null)
        {
            return new FieldErrors().Add("householdId", "the household's building is in no grid; add it to one first.").ToProblem();
        }

        if (!await db.MayWorkOnAsync(caller, gridId, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var members = await db.TeamMembers.AsNoTracking().Where(m => m.GridId == gridId && m.Until == null).Select(m => m.VolunteerId).ToListAsync(cancellationToken);
        if (visitors.Except(members).Any())
        {
            return new FieldErrors().Add("visitorIds", "every visitor must be a current member of the grid's team.").ToProblem();
        }

        var by = caller.AuditActor();
        var visit = new Visit
        {
            Id = Guid.CreateVersion7(), GridId = gridId.Value, HouseholdId = household.Id, VisitedAt = request.VisitedAt!.Value,
            Visitors = visitors, Note = request.Note?.Trim(), NeedsFound = needs.Count, RecordedBy = by,
        };
        db.Visits.Add(visit);
        var opened = needs.Select(n => db.Take(
            new RequestDetails(n.Category!, n.Priority ?? RequestPriorities.Normal, "visit", household.BuildingId, household.Id, n.Description!, [], null, false),
            gridId, by, now, sla.Value).Id).ToList();
        visit.RequestIds = opened;
        db.AddEvent(new HouseholdVisited(visit.Id, visit.GridId, household.Id, household.BuildingId, needs.Count, visit.VisitedAt), now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE households SET last_visited_at = GREATEST(last_visited_at, {visit.VisitedAt}) WHERE id = {household.Id}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/households/{household.Id}/visits", ToDto(visit));
    }

    internal static async Task<Results<Ok<IReadOnlyList<VisitDto>>, NotFound<ProblemDetails>, ForbidHttpResult>> ListAsync(
        Guid id, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return PeopleProblems.NoSuchHousehold(id);
        }

        if (!await db.MayWorkOnBuildingAsync(caller, household.BuildingId, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var visits = await db.Visits.AsNoTracking().Where(v => v.HouseholdId == id).OrderByDescending(v => v.VisitedAt).Take(100).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<VisitDto>>(visits.Select(ToDto).ToList());
    }

    private static VisitDto ToDto(Visit v) => new(v.Id, v.GridId, v.HouseholdId, v.VisitedAt, v.Visitors, v.Note, v.RequestIds);
}
