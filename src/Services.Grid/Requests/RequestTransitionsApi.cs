using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Grid.Requests;

/// <summary>A request's status changes, each a step of <see cref="RequestWorkflow"/>: the named steps, re-routing, merging.</summary>
public static class RequestTransitionsApi
{
    public static IEndpointRouteBuilder MapRequestTransitionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/requests/{id:guid}/transitions", TransitionAsync).WithTags("Requests").WithName("ChangeRequestStatus")
            .WithSummary("accept, start, resolve, close, return (with a reason), close-unresolved (staff, with a reason), reopen (with a reason).")
            .RequireAuthorization(Policies.Reporters);

        var staff = app.MapGroup("/requests/{id:guid}").WithTags("Requests").RequireAuthorization(Policies.Staff);
        staff.MapPost("/route", RouteAsync).WithName("RouteRequest")
            .WithSummary("Staff send a request (typically a returned one) to a grid's team, or keep it with staff (no grid).");
        staff.MapPost("/merge", MergeAsync).WithName("MergeRequest")
            .WithSummary("Staff merge a duplicate into its original; the duplicate's reporter follows the original.");
        return app;
    }

    internal static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> TransitionAsync(
        Guid id, TransitionRequest body, GridDbContext db, TimeProvider time, IOptions<SlaOptions> sla, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var step = RequestWorkflow.Find(body.Action);
        var errors = new FieldErrors().Optional("reason", body.Reason, 1000).Optional("resolution", body.Resolution, 2000);
        if (step is null)
        {
            errors.OneOf("action", body.Action, RequestWorkflow.Steps.Select(s => s.Action).ToList());
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
        var (request, relation) = await db.LoadAsync(id, caller, RequestLoad.Lock, cancellationToken);
        if (request is null)
        {
            return RequestProblems.NotFound(id);
        }

        if (!RequestWorkflow.MayTake(relation, step!))
        {
            return TypedResults.Forbid();
        }

        if (!step!.Allows(request.Status))
        {
            return RequestProblems.NotAllowed(request, step);
        }

        var now = time.GetUtcNow();
        db.Record(RequestWorkflow.Apply(request, step, body.Reason?.Trim(), body.Resolution, caller.AuditActor(), now, sla.Value), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RequestDtos.ToDto(request, caller, relation));
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
        var (request, relation) = await db.LoadAsync(id, caller, RequestLoad.Lock, cancellationToken);
        if (request is null)
        {
            return RequestProblems.NotFound(id);
        }

        if (!request.IsOpen)
        {
            return RequestProblems.NotOpen(request);
        }

        var now = time.GetUtcNow();
        db.Record(RequestWorkflow.Route(request, body.GridId, body.Reason!.Trim(), caller.AuditActor(), now, sla.Value), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RequestDtos.ToDto(request, caller, relation));
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
        // The two rows are locked lower id first: two opposite merges at once (X into Y, Y into X) wait for each other
        // and the second finds the first done, where locking in the order given deadlocked them (a 503 for one).
        var loaded = new Dictionary<Guid, (ResidentRequest? Request, RequestRelation Relation)>();
        foreach (var key in new[] { id, body.IntoId!.Value }.Order())
        {
            loaded[key] = await db.LoadAsync(key, caller, RequestLoad.Lock, cancellationToken);
        }

        var (duplicate, relation) = loaded[id];
        var (original, _) = loaded[body.IntoId.Value];
        if (duplicate is null || original is null)
        {
            return RequestProblems.NotFound(duplicate is null ? id : body.IntoId.Value);
        }

        if (!duplicate.IsOpen || !original.IsOpen)
        {
            return RequestProblems.NotMergeable(duplicate, original);
        }

        var now = time.GetUtcNow();
        db.Record(RequestWorkflow.MergeInto(duplicate, original, body.Reason!.Trim(), caller.AuditActor(), now), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RequestDtos.ToDto(duplicate, caller, relation));
    }
}
