using Community.Persistence;
using System.Security.Claims;
using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Grid.Requests;

public sealed record ReportRequest(
    string? Category, string? Priority, string? Channel, Guid? BuildingId, Guid? HouseholdId, string? Description,
    IReadOnlyList<string>? Pictures, bool? Anonymous, Guid? ReporterId);

/// <param name="ReporterId">Shown to staff, to the grid team unless the reporter asked to stay anonymous, and to the reporter.</param>
public sealed record RequestDto(
    Guid Id, string Category, string Priority, string Channel, Guid BuildingId, Guid? HouseholdId, string Description, IReadOnlyList<string> Pictures,
    Guid? ReporterId, bool Anonymous, string Status, Guid? GridId, Guid? AssigneeId, int EscalationLevel,
    DateTimeOffset ReportedAt, DateTimeOffset DueAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt, string? Resolution, Guid? MergedIntoId);

/// <summary>What a resident may see of someone else's open request: that it exists, not who reported it or what they wrote.</summary>
public sealed record SimilarRequestDto(Guid Id, string Category, string Status, DateTimeOffset ReportedAt, string? Description);

public sealed record TransitionRequest(string? Action, string? Reason, string? Resolution);

public sealed record RouteRequest(Guid? GridId, string? Reason);

public sealed record AssignRequest(Guid? AssigneeId);

public sealed record PriorityRequest(string? Priority, string? Reason);

public sealed record NoteRequest(string? Note);

public sealed record MergeRequest(Guid? IntoId, string? Reason);

public sealed record FollowUpRequest(bool? Satisfied, string? Comment);

public sealed record VolunteerHelpRequest(string? Skill, int? Needed, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

public sealed record RequestChangeDto(DateTimeOffset At, string By, string What, string? From, string? To, string? Reason);

public static class RequestsApi
{

    public static IEndpointRouteBuilder MapRequestsApi(this IEndpointRouteBuilder app)
    {
        var requests = app.MapGroup("/requests").WithTags("Requests");
        requests.MapPost("/", ReportAsync).WithName("ReportRequest")
            .WithSummary("Takes in a request from any channel; it goes to the building's grid team, or to station staff when the building has no grid.")
            .RequireAuthorization(Policies.Reporters);
        requests.MapGet("/similar", SimilarAsync).WithName("SimilarRequests")
            .WithSummary("Open requests of the same category in the same building, to check before reporting a duplicate.")
            .RequireAuthorization(Policies.Reporters);
        requests.MapGet("/", ListAsync).WithName("ListRequests")
            .WithSummary("Staff see every request, a grid worker their grids', a resident their own.").RequireAuthorization(Policies.Reporters);
        requests.MapGet("/{id:guid}", GetAsync).WithName("GetRequest").RequireAuthorization(Policies.Reporters);
        requests.MapGet("/{id:guid}/history", HistoryAsync).WithName("RequestHistory")
            .WithSummary("The audit trail: who changed what, when, from what to what, and why.").RequireAuthorization(Policies.Workers);
        requests.MapPost("/{id:guid}/transitions", TransitionAsync).WithName("ChangeRequestStatus")
            .WithSummary("accept, start, resolve, close, return (with a reason), close-unresolved (staff, with a reason), reopen (with a reason).")
            .RequireAuthorization(Policies.Reporters);
        requests.MapPost("/{id:guid}/route", RouteAsync).WithName("RouteRequest")
            .WithSummary("Staff send a request (typically a returned one) to a grid's team, or keep it with staff (no grid).")
            .RequireAuthorization(Policies.Staff);
        requests.MapPost("/{id:guid}/assign", AssignAsync).WithName("AssignRequest")
            .WithSummary("Gives the request to a member of the owning grid's team.").RequireAuthorization(Policies.Workers);
        requests.MapPost("/{id:guid}/priority", PriorityAsync).WithName("ChangeRequestPriority")
            .WithSummary("Changes the priority, with a reason; the due time stays as set at intake.").RequireAuthorization(Policies.Workers);
        requests.MapPost("/{id:guid}/notes", NoteAsync).WithName("AddRequestNote").RequireAuthorization(Policies.Workers);
        requests.MapPost("/{id:guid}/merge", MergeAsync).WithName("MergeRequest")
            .WithSummary("Staff merge a duplicate into its original; the duplicate's reporter follows the original.")
            .RequireAuthorization(Policies.Staff);
        requests.MapPost("/{id:guid}/follow-ups", FollowUpAsync).WithName("FollowUpRequest")
            .WithSummary("回访: the reporter (or staff calling them) says whether it is fixed; not satisfied reopens it.")
            .RequireAuthorization(Policies.Reporters);
        requests.MapPost("/{id:guid}/volunteer-help", VolunteerHelpAsync).WithName("RequestVolunteerHelp")
            .WithSummary("Asks the Volunteers service for helpers (VolunteerHelpRequested).").RequireAuthorization(Policies.Workers);
        return app;
    }

    internal static async Task<Results<Created<RequestDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> ReportAsync(
        ReportRequest request, GridDbContext db, TimeProvider time, IOptions<SlaOptions> sla, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var isResident = caller.IsInRole(Roles.Resident) && !caller.IsInRole(Roles.GridWorker) && !caller.IsStaff();
        var errors = new FieldErrors().Require("description", request.Description, 2000);
        var category = request.Category;
        var priority = request.Priority ?? RequestPriorities.Normal;
        var channel = request.Channel ?? (isResident ? "app" : null);
        if (category is null || !RequestCategories.All.Contains(category))
        {
            errors.Add("category", $"must be one of: {string.Join(", ", RequestCategories.All)}.");
        }

        if (!RequestPriorities.All.Contains(priority))
        {
            errors.Add("priority", $"must be one of: {string.Join(", ", RequestPriorities.All)}.");
        }

        if (channel is null || !RequestChannels.All.Contains(channel))
        {
            errors.Add("channel", $"must be one of: {string.Join(", ", RequestChannels.All)}.");
        }

        if (request.BuildingId is null)
        {
            errors.Add("buildingId", "is required.");
        }

        var pictures = request.Pictures ?? [];
        if (pictures.Count > 10 || pictures.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > 300))
        {
            errors.Add("pictures", "at most 10 references of at most 300 characters each.");
        }

        if (isResident && request.ReporterId is { } other && !caller.IsSubject(other))
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
        if (caller.IsInRole(Roles.GridWorker) && !caller.IsStaff() && !await db.MayWorkOnAsync(caller, gridId, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var now = time.GetUtcNow();
        var reporter = isResident && Guid.TryParse(caller.Subject(), out var me) ? me : request.ReporterId;
        var created = Intake(db, category!, priority, channel!, request.BuildingId.Value, request.HouseholdId, request.Description!, pictures,
            reporter, request.Anonymous ?? false, gridId, caller.AuditActor(), now, sla.Value);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/requests/{created.Id}", ToDto(created, caller));
    }

    /// <summary>Creates a request (from the API or from a visit), routed to the building's grid, with its SLA clock started.</summary>
    internal static ResidentRequest Intake(
        GridDbContext db, string category, string priority, string channel, Guid buildingId, Guid? householdId, string description, IReadOnlyList<string> pictures,
        Guid? reporterId, bool anonymous, Guid? gridId, string by, DateTimeOffset now, SlaOptions sla)
    {
        var due = now + sla.DueAfter(category, priority);
        var request = new ResidentRequest
        {
            Id = Guid.CreateVersion7(), Category = category, Priority = priority, Channel = channel, BuildingId = buildingId, HouseholdId = householdId,
            Description = description.Trim(), Pictures = pictures.Select(p => p.Trim()).ToList(), ReporterId = reporterId, Anonymous = anonymous,
            TakenBy = by, GridId = gridId, ReportedAt = now, DueAt = due, NextEscalationAt = due,
        };
        db.Requests.Add(request);
        db.Log(request, "status", null, RequestStatuses.Reported, $"via {channel}", by, now);
        db.Log(request, "grid", null, gridId?.ToString() ?? "station staff", "routed by building", by, now);
        db.AddEvent(new RequestReported(request.Id, category, priority, channel, buildingId, gridId, now, due), now);
        db.AddEvent(new RequestAssigned(request.Id, gridId, null, category, buildingId, now), now);
        return request;
    }

    internal static async Task<Results<Ok<IReadOnlyList<SimilarRequestDto>>, ValidationProblem>> SimilarAsync(
        Guid? buildingId, string? category, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (buildingId is null)
        {
            errors.Add("buildingId", "is required.");
        }

        if (category is null || !RequestCategories.All.Contains(category))
        {
            errors.Add("category", $"must be one of: {string.Join(", ", RequestCategories.All)}.");
        }

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
        if (status is not null && !RequestStatuses.Open.Contains(status) && status is not (RequestStatuses.Resolved or RequestStatuses.Closed or RequestStatuses.ClosedUnresolved or RequestStatuses.Merged))
        {
            errors.Add("status", "is not a request status.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Requests.AsNoTracking();
        var teamGrids = (await db.WorkingGridsAsync(caller, cancellationToken)).Teams;
        if (!caller.IsStaff())
        {
            if (caller.IsInRole(Roles.GridWorker))
            {
                var grids = teamGrids;
                if (gridId is { } wanted && !grids.Contains(wanted))
                {
                    return TypedResults.Forbid();
                }

                query = query.Where(r => r.GridId != null && grids.Contains(r.GridId.Value));
            }
            else
            {
                var me = Guid.TryParse(caller.Subject(), out var id) ? id : Guid.Empty;
                query = query.Where(r => r.ReporterId == me || db.Requests.Any(d => d.MergedIntoId == r.Id && d.ReporterId == me));
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
            r => ToDto(r, caller, teamGrids), cancellationToken));
    }

    internal static async Task<Results<Ok<RequestDto>, NotFound<ProblemDetails>, ForbidHttpResult>> GetAsync(
        Guid id, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (request, access) = await LoadAsync(db, id, caller, forUpdate: false, cancellationToken);
        return request is null ? NotFound(id) : access == RequestAccess.None ? TypedResults.Forbid() : TypedResults.Ok(ToDto(request, caller, access: access));
    }

    internal static async Task<Results<Ok<IReadOnlyList<RequestChangeDto>>, NotFound<ProblemDetails>, ForbidHttpResult>> HistoryAsync(
        Guid id, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (request, access) = await LoadAsync(db, id, caller, forUpdate: false, cancellationToken);
        if (request is null)
        {
            return NotFound(id);
        }

        if (access is not (RequestAccess.Staff or RequestAccess.Team))
        {
            return TypedResults.Forbid();
        }

        var changes = await db.RequestChanges.AsNoTracking().Where(c => c.RequestId == id).OrderBy(c => c.Id)
            .Select(c => new RequestChangeDto(c.At, c.By, c.What, c.From, c.To, c.Reason)).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<RequestChangeDto>>(changes);
    }

    internal static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> TransitionAsync(
        Guid id, TransitionRequest body, GridDbContext db, TimeProvider time, IOptions<SlaOptions> sla, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var step = RequestWorkflow.Steps.FirstOrDefault(s => s.Action == body.Action);
        var errors = new FieldErrors().Optional("reason", body.Reason, 1000).Optional("resolution", body.Resolution, 2000);
        if (step is null)
        {
            errors.Add("action", $"must be one of: {string.Join(", ", RequestWorkflow.Steps.Select(s => s.Action))}.");
        }
        else if (step.NeedsReason)
        {
            errors.Require("reason", body.Reason, 1000);
        }

        if (step?.To == RequestStatuses.Resolved)
        {
            errors.Require("resolution", body.Resolution, 2000);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (request, access) = await LoadAsync(db, id, caller, forUpdate: true, cancellationToken);
        if (request is null)
        {
            return NotFound(id);
        }

        // A resident may only reopen their own request; teams do the work; some decisions are staff's alone.
        var allowed = access switch
        {
            RequestAccess.Staff => true,
            RequestAccess.Team => !step!.StaffOnly,
            RequestAccess.Reporter => step!.Action == "reopen",
            _ => false,
        };
        if (!allowed)
        {
            return TypedResults.Forbid();
        }

        if (!step!.From.Contains(request.Status))
        {
            return TypedResults.Conflict(Problems.Conflict("That status change is not allowed.",
                $"A {request.Status} request cannot be {step.Action}ed (it must be {string.Join(" or ", step.From)}).", GridProblems.IllegalTransition));
        }

        var now = time.GetUtcNow();
        db.Apply(request, step, body.Reason?.Trim(), body.Resolution, caller.AuditActor(), now, sla.Value);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ToDto(request, caller, access: access));
    }

    internal static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RouteAsync(
        Guid id, RouteRequest body, GridDbContext db, TimeProvider time, IOptions<SlaOptions> sla, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("reason", body.Reason, 1000);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (body.GridId is { } target && !await db.Grids.AnyAsync(g => g.Id == target, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such grid.", $"There is no grid {target}."));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (request, _) = await LoadAsync(db, id, caller, forUpdate: true, cancellationToken);
        if (request is null)
        {
            return NotFound(id);
        }

        if (!RequestStatuses.Open.Contains(request.Status))
        {
            return TypedResults.Conflict(Problems.Conflict("The request is not open.", $"It is {request.Status}.", GridProblems.IllegalTransition));
        }

        var now = time.GetUtcNow();
        var by = caller.AuditActor();
        db.Log(request, "grid", request.GridId?.ToString() ?? "station staff", body.GridId?.ToString() ?? "station staff", body.Reason!.Trim(), by, now);
        request.GridId = body.GridId;
        request.AssigneeId = null;
        if (request.Status == RequestStatuses.Returned)
        {
            db.Log(request, "status", request.Status, RequestStatuses.Reported, "re-routed", by, now);
            request.Status = RequestStatuses.Reported;
            request.NextEscalationAt = request.EscalationLevel < 2 ? (request.DueAt > now ? request.DueAt : now.AddHours(sla.Value.EscalationStepHours)) : null;
        }

        db.AddEvent(new RequestAssigned(request.Id, request.GridId, null, request.Category, request.BuildingId, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ToDto(request, caller, access: RequestAccess.Staff));
    }

    internal static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> AssignAsync(
        Guid id, AssignRequest body, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (body.AssigneeId is not { } assignee)
        {
            return new FieldErrors().Add("assigneeId", "is required.").ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (request, access) = await LoadAsync(db, id, caller, forUpdate: true, cancellationToken);
        if (request is null)
        {
            return NotFound(id);
        }

        if (access is not (RequestAccess.Staff or RequestAccess.Team))
        {
            return TypedResults.Forbid();
        }

        if (request.GridId is null || !await db.TeamMembers.AnyAsync(m => m.GridId == request.GridId && m.VolunteerId == assignee && m.Until == null, cancellationToken))
        {
            return new FieldErrors().Add("assigneeId", "must be a current member of the owning grid's team.").ToProblem();
        }

        if (!RequestStatuses.Open.Contains(request.Status))
        {
            return TypedResults.Conflict(Problems.Conflict("The request is not open.", $"It is {request.Status}.", GridProblems.IllegalTransition));
        }

        var now = time.GetUtcNow();
        db.Log(request, "assignee", request.AssigneeId?.ToString(), assignee.ToString(), null, caller.AuditActor(), now);
        request.AssigneeId = assignee;
        db.AddEvent(new RequestAssigned(request.Id, request.GridId, assignee, request.Category, request.BuildingId, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ToDto(request, caller, access: access));
    }

    internal static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> PriorityAsync(
        Guid id, PriorityRequest body, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("reason", body.Reason, 1000);
        if (body.Priority is null || !RequestPriorities.All.Contains(body.Priority))
        {
            errors.Add("priority", $"must be one of: {string.Join(", ", RequestPriorities.All)}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (request, access) = await LoadAsync(db, id, caller, forUpdate: false, cancellationToken, track: true);
        if (request is null)
        {
            return NotFound(id);
        }

        if (access is not (RequestAccess.Staff or RequestAccess.Team))
        {
            return TypedResults.Forbid();
        }

        db.Log(request, "priority", request.Priority, body.Priority, body.Reason!.Trim(), caller.AuditActor(), time.GetUtcNow());
        request.Priority = body.Priority!;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToDto(request, caller, access: access));
    }

    internal static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> NoteAsync(
        Guid id, NoteRequest body, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("note", body.Note, 1000);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (request, access) = await LoadAsync(db, id, caller, forUpdate: false, cancellationToken);
        if (request is null)
        {
            return NotFound(id);
        }

        if (access is not (RequestAccess.Staff or RequestAccess.Team))
        {
            return TypedResults.Forbid();
        }

        db.Log(request, "note", null, null, body.Note!.Trim(), caller.AuditActor(), time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> MergeAsync(
        Guid id, MergeRequest body, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("reason", body.Reason, 1000);
        if (body.IntoId is null || body.IntoId == id)
        {
            errors.Add("intoId", "is required and must be another request.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var duplicate = await db.Requests.FromSql($"SELECT * FROM requests WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(cancellationToken);
        var original = await db.Requests.FromSql($"SELECT * FROM requests WHERE id = {body.IntoId} FOR UPDATE").FirstOrDefaultAsync(cancellationToken);
        if (duplicate is null || original is null)
        {
            return NotFound(duplicate is null ? id : body.IntoId!.Value);
        }

        if (!RequestStatuses.Open.Contains(duplicate.Status) || !RequestStatuses.Open.Contains(original.Status))
        {
            return TypedResults.Conflict(Problems.Conflict("Only open requests can be merged.",
                $"The duplicate is {duplicate.Status} and the original {original.Status}.", GridProblems.IllegalTransition));
        }

        var now = time.GetUtcNow();
        var by = caller.AuditActor();
        db.Log(duplicate, "merge", duplicate.Status, $"merged into {original.Id}", body.Reason!.Trim(), by, now);
        db.Log(original, "merge", null, $"absorbed {duplicate.Id}", body.Reason!.Trim(), by, now);
        duplicate.Status = RequestStatuses.Merged;
        duplicate.MergedIntoId = original.Id;
        duplicate.NextEscalationAt = null;
        duplicate.ClosedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ToDto(duplicate, caller, access: RequestAccess.Staff));
    }

    internal static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> FollowUpAsync(
        Guid id, FollowUpRequest body, GridDbContext db, TimeProvider time, IOptions<SlaOptions> sla, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Optional("comment", body.Comment, 1000);
        if (body.Satisfied is null)
        {
            errors.Add("satisfied", "is required (true or false).");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (request, access) = await LoadAsync(db, id, caller, forUpdate: true, cancellationToken);
        if (request is null)
        {
            return NotFound(id);
        }

        if (access == RequestAccess.None)
        {
            return TypedResults.Forbid();
        }

        if (request.Status is not (RequestStatuses.Resolved or RequestStatuses.Closed))
        {
            return TypedResults.Conflict(Problems.Conflict("Nothing to follow up yet.", $"A follow-up comes after resolution; the request is {request.Status}.",
                GridProblems.IllegalTransition));
        }

        var now = time.GetUtcNow();
        var by = caller.AuditActor();
        db.FollowUps.Add(new FollowUp { Id = Guid.CreateVersion7(), RequestId = id, At = now, By = by, Satisfied = body.Satisfied!.Value, Comment = body.Comment?.Trim() });
        await DisputesApi.MarkNextDoneAsync(db, id, now, cancellationToken);
        db.Log(request, "follow-up", null, body.Satisfied!.Value ? "satisfied" : "not satisfied", body.Comment?.Trim(), by, now);
        if (!body.Satisfied.Value)
        {
            db.Apply(request, RequestWorkflow.Steps.Single(s => s.Action == "reopen"), "not satisfied at follow-up", null, by, now, sla.Value);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ToDto(request, caller, access: access));
    }

    internal static async Task<Results<Accepted, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> VolunteerHelpAsync(
        Guid id, VolunteerHelpRequest body, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new FieldErrors().Optional("skill", body.Skill, 50).Range("needed", body.Needed ?? 0, 1, 50);
        if (body.StartsAt is not { } starts || starts <= now)
        {
            errors.Add("startsAt", "is required and must be in the future.");
        }

        if (body.EndsAt is not { } ends || ends <= body.StartsAt || ends - body.StartsAt > TimeSpan.FromHours(24))
        {
            errors.Add("endsAt", "is required, after the start and at most 24 hours later.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (request, access) = await LoadAsync(db, id, caller, forUpdate: false, cancellationToken);
        if (request is null)
        {
            return NotFound(id);
        }

        if (access is not (RequestAccess.Staff or RequestAccess.Team))
        {
            return TypedResults.Forbid();
        }

        var helpId = Guid.CreateVersion7();
        db.Log(request, "note", null, $"volunteer help {helpId}", $"{body.Needed} helper(s) requested", caller.AuditActor(), now);
        db.AddEvent(new VolunteerHelpRequested(helpId, id, request.Category, body.Skill, body.Needed!.Value,
            body.StartsAt!.Value, body.EndsAt!.Value, request.BuildingId, now), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/requests/{id}");
    }

    /// <summary>Loads a request and works out what the caller is to it: staff, its grid's team, its reporter (or a merged duplicate's), or nobody.</summary>
    internal static async Task<(ResidentRequest? Request, RequestAccess Access)> LoadAsync(
        GridDbContext db, Guid id, ClaimsPrincipal caller, bool forUpdate, CancellationToken cancellationToken, bool track = false)
    {
        var request = forUpdate
            ? await db.Requests.FromSql($"SELECT * FROM requests WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(cancellationToken)
            : track ? await db.Requests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            : await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return (null, RequestAccess.None);
        }

        if (caller.IsStaff())
        {
            return (request, RequestAccess.Staff);
        }

        if (caller.IsInRole(Roles.GridWorker) && await db.MayWorkOnAsync(caller, request.GridId, cancellationToken))
        {
            return (request, RequestAccess.Team);
        }

        if (caller.IsInRole(Roles.Resident) && Guid.TryParse(caller.Subject(), out var me) &&
            (request.ReporterId == me || await db.Requests.AnyAsync(d => d.MergedIntoId == id && d.ReporterId == me, cancellationToken)))
        {
            return (request, RequestAccess.Reporter);
        }

        return (request, RequestAccess.None);
    }

    internal static NotFound<ProblemDetails> NotFound(Guid id) => TypedResults.NotFound(Problems.NotFound("No such request.", $"There is no request {id}."));

    /// <summary>
    /// Staff see everything; the team everything but an anonymous reporter; the reporter their own request. A
    /// resident following an original through their merged duplicate sees its progress, not what someone else wrote.
    /// </summary>
    private static RequestDto ToDto(ResidentRequest r, ClaimsPrincipal caller, IReadOnlyList<Guid>? teamGrids = null, RequestAccess? access = null)
    {
        var isTeam = access == RequestAccess.Team || (teamGrids is not null && r.GridId is { } g && teamGrids.Contains(g));
        var isReporter = r.ReporterId is { } rep && caller.IsSubject(rep);
        var showReporter = caller.IsStaff() || (isTeam && !r.Anonymous) || isReporter;
        var sees = caller.IsStaff() || isTeam || isReporter;
        return new RequestDto(r.Id, r.Category, r.Priority, r.Channel, r.BuildingId, r.HouseholdId, sees ? r.Description : "", sees ? r.Pictures : [],
            showReporter ? r.ReporterId : null, r.Anonymous, r.Status, r.GridId, r.AssigneeId, r.EscalationLevel,
            r.ReportedAt, r.DueAt, r.ResolvedAt, r.ClosedAt, r.Resolution, r.MergedIntoId);
    }
}

/// <summary>What the caller is to a request: nobody, its reporter (or a merged duplicate's), its grid's team, or staff.</summary>
public enum RequestAccess
{
    None,
    Reporter,
    Team,
    Staff,
}
