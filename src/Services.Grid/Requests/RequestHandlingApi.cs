using System.Security.Claims;
using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Volunteers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Requests;

/// <summary>The team's work on a request besides its status: who has it, how urgent it is, notes, and asking for volunteers.</summary>
public static class RequestHandlingApi
{
    public static IEndpointRouteBuilder MapRequestHandlingApi(this IEndpointRouteBuilder app)
    {
        var request = app.MapGroup("/requests/{id:guid}").WithTags("Requests").RequireAuthorization(Policies.Workers);
        request.MapPost("/assign", AssignAsync).WithName("AssignRequest").WithSummary("Gives the request to a member of the owning grid's team.");
        request.MapPost("/priority", PriorityAsync).WithName("ChangeRequestPriority")
            .WithSummary("Changes the priority, with a reason; the due time stays as set at intake.");
        request.MapPost("/notes", NoteAsync).WithName("AddRequestNote")
            .WithSummary("Adds a note to the request's history for the team (not shown to the reporter).");
        request.MapPost("/volunteer-help", VolunteerHelpAsync).WithName("RequestVolunteerHelp")
            .WithSummary("Asks the Volunteers service for helpers (VolunteerHelpRequested).");
        request.MapGet("/volunteer-help", HelpAsync).WithName("GetVolunteerHelp")
            .WithSummary("The team's calls for volunteers on this request and who took each up (withdrawn helpers left out).");
        return app;
    }

    internal static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> AssignAsync(
        Guid id, AssignRequest body, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (body.AssigneeId is not { } assignee)
        {
            return new FieldErrors().Add("assigneeId", "is required.").ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (request, relation) = await db.LoadAsync(id, caller, RequestLoad.Lock, cancellationToken);
        if (request is null)
        {
            return RequestProblems.NotFound(id);
        }

        if (!relation.Works())
        {
            return TypedResults.Forbid();
        }

        if (request.GridId is null || !await db.TeamMembers.AnyAsync(m => m.GridId == request.GridId && m.VolunteerId == assignee && m.Until == null, cancellationToken))
        {
            return new FieldErrors().Add("assigneeId", "must be a current member of the owning grid's team.").ToProblem();
        }

        if (!request.IsOpen)
        {
            return RequestProblems.NotOpen(request);
        }

        var now = time.GetUtcNow();
        db.Record(RequestWorkflow.Assign(request, assignee, caller.AuditActor(), now), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RequestDtos.ToDto(request, caller, relation));
    }

    internal static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> PriorityAsync(
        Guid id, PriorityRequest body, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("reason", body.Reason, 1000).OneOf("priority", body.Priority, RequestPriorities.All);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // Locked, so the history's "from" is the priority this change replaced, not one another change replaced meanwhile.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (request, relation) = await db.LoadAsync(id, caller, RequestLoad.Lock, cancellationToken);
        if (request is null)
        {
            return RequestProblems.NotFound(id);
        }

        if (!relation.Works())
        {
            return TypedResults.Forbid();
        }

        if (!request.IsOpen)
        {
            return RequestProblems.NotOpen(request);
        }

        var now = time.GetUtcNow();
        db.Record(RequestWorkflow.ChangePriority(request, body.Priority!, body.Reason!.Trim(), caller.AuditActor(), now), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RequestDtos.ToDto(request, caller, relation));
    }

    internal static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> NoteAsync(
        Guid id, NoteRequest body, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("note", body.Note, 1000);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (request, relation) = await db.LoadAsync(id, caller, RequestLoad.Read, cancellationToken);
        if (request is null)
        {
            return RequestProblems.NotFound(id);
        }

        if (!relation.Works())
        {
            return TypedResults.Forbid();
        }

        db.Log(request.Id, "note", null, null, body.Note!.Trim(), caller.AuditActor(), time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Accepted, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> VolunteerHelpAsync(
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

        // Helpers are asked for an open request only; locked, so one resolved, closed or merged meanwhile is seen.
        // Before, a call went out for a request already done, and nothing ever withdrew it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (request, relation) = await db.LoadAsync(id, caller, RequestLoad.Lock, cancellationToken);
        if (request is null)
        {
            return RequestProblems.NotFound(id);
        }

        if (!relation.Works())
        {
            return TypedResults.Forbid();
        }

        if (!request.IsOpen)
        {
            return RequestProblems.NotOpen(request);
        }

        var helpId = Guid.CreateVersion7();
        db.Log(request.Id, "note", null, $"volunteer help {helpId}", $"{body.Needed} helper(s) requested", caller.AuditActor(), now);
        db.RequestHelp.Add(new RequestHelp
        {
            Id = helpId, RequestId = id, Skill = body.Skill, Needed = body.Needed!.Value,
            StartsAt = body.StartsAt!.Value, EndsAt = body.EndsAt!.Value, RequestedAt = now,
        });
        db.AddEvent(new VolunteerHelpRequested(helpId, id, request.Category, body.Skill, body.Needed!.Value,
            body.StartsAt!.Value, body.EndsAt!.Value, request.BuildingId, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"/requests/{id}/volunteer-help");
    }

    internal static async Task<Results<Ok<IReadOnlyList<RequestHelpDto>>, NotFound<ProblemDetails>, ForbidHttpResult>> HelpAsync(
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

        var calls = await db.RequestHelp.AsNoTracking().Where(h => h.RequestId == id).OrderBy(h => h.RequestedAt).ToListAsync(cancellationToken);
        var callIds = calls.Select(c => c.Id).ToList();
        var helpers = await db.RequestHelpers.AsNoTracking()
            .Where(h => callIds.Contains(h.HelpId) && h.WithdrawnAt == null && h.AssignedAt != null)
            .GroupJoin(db.KnownVolunteers.AsNoTracking(), h => h.VolunteerId, v => v.VolunteerId, (h, v) => new { Helper = h, Volunteers = v })
            .SelectMany(x => x.Volunteers.DefaultIfEmpty(), (x, v) => new { x.Helper, Name = v == null ? null : v.DisplayName })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<RequestHelpDto>>(calls.Select(c => new RequestHelpDto(c.Id, c.Skill, c.Needed, c.StartsAt, c.EndsAt, c.RequestedAt,
            helpers.Where(h => h.Helper.HelpId == c.Id).OrderBy(h => h.Helper.AssignedAt)
                .Select(h => new HelperDto(h.Helper.VolunteerId, h.Name, h.Helper.AssignedAt!.Value)).ToList())).ToList());
    }
}
