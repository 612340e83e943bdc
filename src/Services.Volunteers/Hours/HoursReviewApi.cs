using System.Security.Claims;
using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Hours;

public sealed record ReviewHoursRequest(string? Reason);

/// <summary>Supervisors' queue of self-logged time: what is pending, and confirming or rejecting it.</summary>
public static class HoursReviewApi
{
    public static IEndpointRouteBuilder MapHoursReviewApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/hours").WithTags("Hours").RequireAuthorization(Policies.Workers);
        group.MapPost("/{id:guid}/confirm", (Guid id, ReviewHoursRequest request, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken ct) =>
                ReviewAsync(id, HourStatuses.Confirmed, request, db, time, caller, ct))
            .WithName("ConfirmHours")
            .WithSummary("A supervisor (staff, or a grid worker of the grid the volunteer lives in) confirms self-logged time.");
        group.MapPost("/{id:guid}/reject", (Guid id, ReviewHoursRequest request, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken ct) =>
                ReviewAsync(id, HourStatuses.Rejected, request, db, time, caller, ct))
            .WithName("RejectHours")
            .WithSummary("A supervisor rejects self-logged time, with a reason.");
        group.MapGet("/pending", PendingAsync)
            .WithName("PendingHours")
            .WithSummary("Self-logged time waiting for a supervisor, oldest first: all of it for staff; for a grid worker, that of the volunteers living in the grids they work.");
        return app;
    }

    internal static async Task<Results<Ok<HoursEntryDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> ReviewAsync(
        Guid id, string decision, ReviewHoursRequest request, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = HoursReview.CheckReason(decision, request.Reason);

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entry = await db.ServiceHours.FromSql($"SELECT * FROM service_hours WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return TypedResults.NotFound(HoursProblems.NoSuchEntry(id));
        }

        var volunteer = await db.Volunteers.AsNoTracking().FirstAsync(v => v.Id == entry.VolunteerId, cancellationToken);
        if (!HoursReview.MayReview(await db.CallerAsync(caller, cancellationToken), entry, volunteer))
        {
            return TypedResults.Forbid();
        }

        if (!HoursReview.IsPending(entry))
        {
            return TypedResults.Conflict(Problems.Conflict("Already reviewed.", $"The entry is {entry.Status}.", ProblemTypes.Conflict));
        }

        var now = time.GetUtcNow();
        db.ChangeStatus(entry, decision, caller.AuditActor(), HoursReview.Reason(request.Reason), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(HoursEntryDto.From(entry));
    }

    internal static async Task<Results<Ok<Page<HoursEntryDto>>, ValidationProblem>> PendingAsync(
        int? page, int? pageSize, VolunteersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // A grid worker's queue: the volunteers who live in the grids they work, as they may review (HoursReview).
        var visible = db.Volunteers.VisibleTo(await db.CallerAsync(caller, cancellationToken));
        var pending = db.ServiceHours.AsNoTracking().Where(h => h.Status == HourStatuses.Pending && visible.Any(v => v.Id == h.VolunteerId));

        return TypedResults.Ok(await pending
            .ToPageAsync(q => q.OrderBy(h => h.CreditedAt).ThenBy(h => h.Id), paging, HoursEntryDto.From, cancellationToken));
    }
}
