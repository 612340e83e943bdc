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

/// <summary>回访: the resident's word after resolution, and the follow-ups scheduled after a dispute's agreement that are due.</summary>
public static class FollowUpsApi
{
    public static IEndpointRouteBuilder MapFollowUpsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/requests/{id:guid}/follow-ups", FollowUpAsync).WithTags("Requests").WithName("FollowUpRequest")
            .WithSummary("回访: the reporter says whether it is fixed, or staff or a team member other than the one who handled it records what the resident said on a call or at the door; not satisfied reopens it.")
            .RequireAuthorization(Policies.Reporters);
        app.MapGet("/follow-ups/due", DueAsync).WithTags("Disputes").WithName("DueFollowUps")
            .WithSummary("Scheduled follow-ups not yet done, soonest first: staff see all, a grid worker their grids'.")
            .RequireAuthorization(Policies.Workers);
        return app;
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
        var (request, relation) = await db.LoadAsync(id, caller, RequestLoad.Lock, cancellationToken);
        if (request is null)
        {
            return RequestProblems.NotFound(id);
        }

        if (FollowUpRecording.Refusal(relation, request, await db.LinksAsync(caller, cancellationToken), body) is { } refusal)
        {
            return refusal.Forbidden ? TypedResults.Forbid() : new FieldErrors().Add(refusal.Field!, refusal.Message!).ToProblem();
        }

        if (request.Status is not (RequestStatuses.Resolved or RequestStatuses.Closed))
        {
            return RequestProblems.NothingToFollowUp(request);
        }

        var now = time.GetUtcNow();
        var by = caller.AuditActor();
        var satisfied = body.Satisfied!.Value;
        db.FollowUps.Add(new FollowUp
        {
            Id = Guid.CreateVersion7(), RequestId = id, At = now, By = by, Satisfied = satisfied, Comment = body.Comment?.Trim(),
            Source = relation.Reported() ? FollowUpSources.Reporter : body.Source!, Respondent = body.Respondent?.Trim(),
        });
        await db.MarkNextFollowUpDoneAsync(id, now, cancellationToken);
        db.Log(request.Id, "follow-up", null, satisfied ? "satisfied" : "not satisfied", body.Comment?.Trim(), by, now);
        if (!satisfied)
        {
            db.Record(RequestWorkflow.Apply(request, RequestWorkflow.Reopen, "not satisfied at follow-up", null, by, now, sla.Value), now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RequestDtos.ToDto(request, caller, relation));
    }

    internal static async Task<Ok<IReadOnlyList<ScheduledFollowUpDto>>> DueAsync(DateTimeOffset? until, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var horizon = until?.ToUniversalTime() ?? time.GetUtcNow();
        var query = db.ScheduledFollowUps.AsNoTracking().Where(f => f.DoneAt == null && f.DueAt <= horizon);
        var grids = await db.WorkingGridsAsync(caller, cancellationToken);
        if (!grids.All)
        {
            var teams = grids.Teams;
            query = query.Where(f => db.Requests.Any(r => r.Id == f.RequestId && r.GridId != null && teams.Contains(r.GridId.Value)));
        }

        var due = await query.OrderBy(f => f.DueAt).Take(500).Select(f => new ScheduledFollowUpDto(f.Id, f.RequestId, f.DueAt, f.DoneAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ScheduledFollowUpDto>>(due);
    }
}
