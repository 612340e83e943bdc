using System.Security.Claims;
using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Grid.Requests;

/// <summary>Taking requests in, and reading them: the queue, one request, its audit trail.</summary>
public static class RequestsApi
{
    public static IEndpointRouteBuilder MapRequestsApi(this IEndpointRouteBuilder app)
    {
        var requests = app.MapGroup("/requests").WithTags("Requests").RequireAuthorization(Policies.Reporters);
        requests.MapPost("/", ReportAsync).WithName("ReportRequest")
            .WithSummary("Takes in a request from any channel; it goes to the building's grid team, or to station staff when the building has no grid.");
        requests.MapGet("/similar", SimilarAsync).WithName("SimilarRequests")
            .WithSummary("Open requests of the same category in the same building, to check before reporting a duplicate.");
        requests.MapGet("/", ListAsync).WithName("ListRequests").WithSummary("Staff see every request, a grid worker their grids', a resident their own.");
        requests.MapGet("/{id:guid}", GetAsync).WithName("GetRequest")
            .WithSummary("One request: the reporter sees their own (its status told honestly), the team and staff see what they work on; an anonymous reporter stays hidden from the team.");

        app.MapGet("/requests/{id:guid}/history", HistoryAsync).WithTags("Requests").WithName("RequestHistory")
            .WithSummary("The audit trail: who changed what, when, from what to what, and why.").RequireAuthorization(Policies.Workers);
        return app;
    }

    internal static async Task<Results<Created<RequestDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> ReportAsync(
        ReportRequest request, GridDbContext db, TimeProvider time, IOptions<SlaOptions> sla, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var isResident = caller.IsInRole(Roles.Resident) && !caller.IsInRole(Roles.GridWorker) && !caller.IsStaff();
        var priority = request.Priority ?? RequestPriorities.Normal;
        var channel = request.Channel ?? (isResident ? "app" : null);
        var errors = new FieldErrors().Require("description", request.Description, 2000)
            .OneOf("category", request.Category, RequestCategories.All)
            .OneOf("priority", priority, RequestPriorities.All)
            .OneOf("channel", channel, RequestChannels.All);
        if (request.BuildingId is null)
        {
            errors.Add("buildingId", "is required.");
        }

        var pictures = request.Pictures ?? [];
        if (pictures.Count > 10 || pictures.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > 300))
        {
            errors.Add("pictures", "at most 10 references of at most 300 characters each.");
        }

        // A resident reports in their own name: their resident record when staff linked it, else their account.
        var links = isResident ? await db.LinksAsync(caller, cancellationToken) : CallerLinks.Nobody;
        if (isResident && request.ReporterId is { } other && !links.Is(other))
        {
            errors.Add("reporterId", "a resident reports in their own name.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!await db.Buildings.AnyAsync(b => b.Id == request.BuildingId, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such building.", $"There is no building {request.BuildingId}."));
        }

        if (request.HouseholdId is { } householdId && !await db.Households.AnyAsync(h => h.Id == householdId && h.BuildingId == request.BuildingId, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such household.", $"Building {request.BuildingId} has no household {householdId}."));
        }

        var gridId = await db.GridOfBuildingAsync(request.BuildingId!.Value, cancellationToken);
        if (caller.IsInRole(Roles.GridWorker) && !await db.MayWorkOnAsync(caller, gridId, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var now = time.GetUtcNow();
        var reporter = isResident ? links.ResidentId ?? links.Account : request.ReporterId;
        var details = new RequestDetails(request.Category!, priority, channel!, request.BuildingId.Value, request.HouseholdId, request.Description!, pictures,
            reporter, request.Anonymous ?? false);
        var created = db.Take(details, gridId, caller.AuditActor(), now, sla.Value);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/requests/{created.Id}", RequestDtos.ToDto(created, caller, caller.IsStaff() ? RequestRelation.Staff : isResident ? RequestRelation.Reporter : RequestRelation.Team));
    }

    internal static async Task<Results<Ok<IReadOnlyList<SimilarRequestDto>>, ValidationProblem>> SimilarAsync(
        Guid? buildingId, string? category, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (buildingId is null)
        {
            errors.Add("buildingId", "is required.");
        }

        errors.OneOf("category", category, RequestCategories.All);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var open = await db.Requests.AsNoTracking()
            .Where(r => r.BuildingId == buildingId && r.Category == category && RequestStatuses.Open.Contains(r.Status) && r.Category != RequestCategories.NeighbourDispute)
            .OrderBy(r => r.ReportedAt).Take(20).ToListAsync(cancellationToken);
        var grids = await db.WorkingGridsAsync(caller, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SimilarRequestDto>>(open.Select(r => new SimilarRequestDto(r.Id, r.Category, r.Status, r.ReportedAt,
            grids.Includes(r.GridId) ? r.Description : null)).ToList());
    }

    internal static async Task<Results<Ok<Page<RequestDto>>, ValidationProblem, ForbidHttpResult>> ListAsync(
        string? status, Guid? gridId, int? page, int? pageSize, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (status is not null && !RequestStatuses.All.Contains(status))
        {
            errors.Add("status", "is not a request status.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Requests.AsNoTracking();
        var grids = await db.WorkingGridsAsync(caller, cancellationToken);
        var links = CallerLinks.Nobody;
        if (!grids.All)
        {
            if (caller.IsInRole(Roles.GridWorker))
            {
                var teams = grids.Teams;
                if (gridId is { } wanted && !teams.Contains(wanted))
                {
                    return TypedResults.Forbid();
                }

                query = query.Where(r => r.GridId != null && teams.Contains(r.GridId.Value));
            }
            else
            {
                links = await db.LinksAsync(caller, cancellationToken);
                var me = links.Account ?? Guid.Empty;
                var resident = links.ResidentId ?? Guid.Empty;
                query = query.Where(r => r.ReporterId == me || r.ReporterId == resident ||
                    db.Requests.Any(d => d.MergedIntoId == r.Id && (d.ReporterId == me || d.ReporterId == resident)));
            }
        }

        if (gridId is not null)
        {
            query = query.Where(r => r.GridId == gridId);
        }

        if (status is not null)
        {
            query = query.Where(r => r.Status == status);
        }

        return TypedResults.Ok(await query.ToPageAsync(q => q.OrderByDescending(r => r.ReportedAt).ThenBy(r => r.Id), paging,
            r => RequestDtos.ToDto(r, caller, grids.All ? RequestRelation.Staff : grids.Includes(r.GridId) ? RequestRelation.Team
                : links.Is(r.ReporterId) ? RequestRelation.Reporter : RequestRelation.MergedReporter), cancellationToken));
    }

    internal static async Task<Results<Ok<RequestDto>, NotFound<ProblemDetails>, ForbidHttpResult>> GetAsync(
        Guid id, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (request, relation) = await db.LoadAsync(id, caller, RequestLoad.Read, cancellationToken);
        return request is null ? RequestProblems.NotFound(id)
            : relation == RequestRelation.None ? TypedResults.Forbid()
            : TypedResults.Ok(RequestDtos.ToDto(request, caller, relation));
    }

    internal static async Task<Results<Ok<IReadOnlyList<RequestChangeDto>>, NotFound<ProblemDetails>, ForbidHttpResult>> HistoryAsync(
        Guid id, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (request, relation) = await db.LoadAsync(id, caller, RequestLoad.Read, cancellationToken);
        if (request is null)
        {
            return RequestProblems.NotFound(id);
        }

        if (!relation.Works())
        {
            return TypedResults.Forbid();
        }

        var changes = await db.RequestChanges.AsNoTracking().Where(c => c.RequestId == id).OrderBy(c => c.Id)
            .Select(c => new RequestChangeDto(c.At, c.By, c.What, c.From, c.To, c.Reason)).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<RequestChangeDto>>(changes);
    }
}
