using Community.Persistence;
using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Requests;

/// <summary>Neighbour disputes: parties, a mediator, mediation sessions, the agreement, and follow-ups 2 and 8 weeks after it.</summary>
public static class DisputesApi
{
    public static IEndpointRouteBuilder MapDisputesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/requests/{id:guid}").WithTags("Disputes").RequireAuthorization(Policies.Workers);
        group.MapPost("/dispute", OpenAsync).WithName("OpenDispute").WithSummary("Records the parties (households) and the mediator of a neighbour dispute.");
        group.MapGet("/dispute", GetAsync).WithName("GetDispute").WithSummary("The dispute's parties, sessions, agreement and follow-ups (staff and the grid's team).");
        group.MapPost("/dispute/sessions", SessionAsync).WithName("RecordMediationSession").WithSummary("Records a mediation session.");
        group.MapPost("/dispute/agreement", AgreementAsync).WithName("RecordAgreement")
            .WithSummary("Records the agreement reached; follow-ups are scheduled 2 and 8 weeks later.");
        return app;
    }

    internal static async Task<Results<Created<DisputeDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> OpenAsync(
        Guid id, OpenDisputeRequest body, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var parties = body.PartyHouseholdIds?.Distinct().ToList() ?? [];
        var errors = new FieldErrors().Require("mediator", body.Mediator, 200);
        if (parties.Count is < 2 or > 20)
        {
            errors.Add("partyHouseholdIds", "a dispute has between 2 and 20 households.");
        }

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

        if (request.Category != RequestCategories.NeighbourDispute)
        {
            return TypedResults.Conflict(Problems.Conflict("Not a dispute.", $"Only a {RequestCategories.NeighbourDispute} request has mediation.", GridProblems.IllegalTransition));
        }

        if (await db.Households.CountAsync(h => parties.Contains(h.Id), cancellationToken) != parties.Count)
        {
            return new FieldErrors().Add("partyHouseholdIds", "every party must be a registered household.").ToProblem();
        }

        if (await db.Disputes.AnyAsync(d => d.RequestId == id, cancellationToken))
        {
            return TypedResults.Conflict(Problems.Conflict("The dispute is already open.", "Its parties and mediator are recorded.", ProblemTypes.Duplicate));
        }

        var now = time.GetUtcNow();
        var dispute = new Dispute { RequestId = id, PartyHouseholdIds = parties, Mediator = body.Mediator!.Trim() };
        db.Disputes.Add(dispute);
        db.Log(request.Id, "note", null, "dispute opened", $"{parties.Count} households, mediator {dispute.Mediator}", caller.AuditActor(), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/requests/{id}/dispute", new DisputeDto(id, parties, dispute.Mediator, null, null, [], []));
    }

    internal static async Task<Results<Ok<DisputeDto>, NotFound<ProblemDetails>, ForbidHttpResult>> GetAsync(
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

        var dispute = await db.Disputes.AsNoTracking().FirstOrDefaultAsync(d => d.RequestId == id, cancellationToken);
        return dispute is null
            ? TypedResults.NotFound(Problems.NotFound("No dispute.", $"Request {id} has no dispute record."))
            : TypedResults.Ok(await ToDtoAsync(db, dispute, cancellationToken));
    }

    internal static async Task<Results<Created<MediationSessionDto>, ValidationProblem, ProblemHttpResult>> SessionAsync(
        Guid id, MediationSessionRequest body, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new FieldErrors().Require("summary", body.Summary, 4000);
        if (body.HeldAt is not { } heldAt || heldAt > now.AddMinutes(5))
        {
            errors.Add("heldAt", "is required and not in the future.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (dispute, problem) = await LoadDisputeAsync(db, id, caller, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var attending = body.AttendingHouseholdIds?.Distinct().ToList() ?? [];
        if (attending.Except(dispute!.PartyHouseholdIds).Any())
        {
            return new FieldErrors().Add("attendingHouseholdIds", "must be parties to the dispute.").ToProblem();
        }

        var by = caller.AuditActor();
        var session = new MediationSession { Id = Guid.CreateVersion7(), RequestId = id, HeldAt = body.HeldAt!.Value, AttendingHouseholdIds = attending, Summary = body.Summary!.Trim(), RecordedBy = by };
        db.MediationSessions.Add(session);
        db.Log(id, "note", null, "mediation session", $"{attending.Count} household(s) attended", by, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/requests/{id}/dispute", ToDto(session));
    }

    internal static async Task<Results<Ok<DisputeDto>, ValidationProblem, ProblemHttpResult, Conflict<ProblemDetails>>> AgreementAsync(
        Guid id, AgreementRequest body, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("text", body.Text, 4000);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (_, problem) = await LoadDisputeAsync(db, id, caller, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        // Read again under the row's lock: two agreements submitted at once both found none recorded, and the dispute
        // got four follow-ups and the later text.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var dispute = (await db.Disputes.LockedAsync(d => d.RequestId, id, cancellationToken))!;
        if (dispute.AgreedAt is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("An agreement is recorded.", "The dispute already has its agreement.", ProblemTypes.Duplicate));
        }

        var now = time.GetUtcNow();
        dispute.Agreement = body.Text!.Trim();
        dispute.AgreedAt = now;
        db.ScheduleFollowUps(id, now);
        db.Log(id, "note", null, "agreement reached", $"follow-ups in {string.Join(" and ", FollowUpSchedule.Weeks)} weeks", caller.AuditActor(), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await ToDtoAsync(db, dispute, cancellationToken));
    }

    private static async Task<(Dispute? Dispute, ProblemHttpResult? Problem)> LoadDisputeAsync(
        GridDbContext db, Guid id, ClaimsPrincipal caller, CancellationToken cancellationToken, bool track = false)
    {
        var (request, relation) = await db.LoadAsync(id, caller, RequestLoad.Read, cancellationToken);
        if (request is null)
        {
            return (null, TypedResults.Problem(RequestProblems.NoSuchRequest(id)));
        }

        if (!relation.Works())
        {
            return (null, TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Type = ProblemTypes.Forbidden }));
        }

        var dispute = track
            ? await db.Disputes.FirstOrDefaultAsync(d => d.RequestId == id, cancellationToken)
            : await db.Disputes.AsNoTracking().FirstOrDefaultAsync(d => d.RequestId == id, cancellationToken);
        return dispute is null
            ? (null, TypedResults.Problem(Problems.NotFound("No dispute.", $"Request {id} has no dispute record; open it first.")))
            : (dispute, null);
    }

    private static async Task<DisputeDto> ToDtoAsync(GridDbContext db, Dispute d, CancellationToken cancellationToken)
    {
        var sessions = await db.MediationSessions.AsNoTracking().Where(s => s.RequestId == d.RequestId).OrderBy(s => s.HeldAt).ToListAsync(cancellationToken);
        var followUps = await db.ScheduledFollowUps.AsNoTracking().Where(f => f.RequestId == d.RequestId).OrderBy(f => f.DueAt)
            .Select(f => new ScheduledFollowUpDto(f.Id, f.RequestId, f.DueAt, f.DoneAt)).ToListAsync(cancellationToken);
        return new DisputeDto(d.RequestId, d.PartyHouseholdIds, d.Mediator, d.Agreement, d.AgreedAt, sessions.Select(ToDto).ToList(), followUps);
    }

    private static MediationSessionDto ToDto(MediationSession s) => new(s.Id, s.HeldAt, s.AttendingHouseholdIds, s.Summary, s.RecordedBy);
}
