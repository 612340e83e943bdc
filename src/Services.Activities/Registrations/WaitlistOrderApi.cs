using System.Security.Claims;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Registrations;

public sealed record MoveOnWaitlistRequest(int? Position, string? Reason);

public sealed record WaitlistChangeDto(Guid RegistrationId, int FromPosition, int ToPosition, string Reason, string ChangedBy, DateTimeOffset ChangedAt);

public static class WaitlistOrderApi
{
    public static IEndpointRouteBuilder MapWaitlistOrderApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("").WithTags("Registrations").RequireAuthorization(Policies.Staff);
        staff.MapPost("/registrations/{id:guid}/waitlist-position", MoveAsync)
            .WithName("MoveOnWaitlist")
            .WithSummary("Staff move someone on the waitlist; the reason is required and kept.");
        staff.MapPost("/registrations/{id:guid}/confirm", ConfirmAsync)
            .WithName("ConfirmFromWaitlist")
            .WithSummary("Staff give a waiting person a free place at once, with a reason; refused when the session is full.");
        staff.MapGet("/sessions/{sessionId:guid}/waitlist-changes", ChangesAsync)
            .WithName("WaitlistChanges")
            .WithSummary("Every manual change to the session's waitlist order: who, when, why.");
        return app;
    }

    internal static async Task<Results<Ok<RegistrationDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> MoveAsync(
        Guid id, MoveOnWaitlistRequest request, ActivitiesDbContext db, Waitlist waitlist, TimeProvider time, ClaimsPrincipal caller,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("reason", request.Reason, 500);
        if (request.Position is null or < 1)
        {
            errors.Add("position", "must be 1 or more.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var sessionId = await waitlist.SessionOfAsync(id, cancellationToken);
        if (sessionId is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchRegistration(id));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await waitlist.LockSessionAsync(sessionId.Value, cancellationToken);
        var waiting = await db.Registrations
            .Where(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.WaitlistRank)
            .ToListAsync(cancellationToken);
        var moving = waiting.FirstOrDefault(r => r.Id == id);
        if (moving is null)
        {
            return TypedResults.Conflict(Problems.Conflict("Not on the waitlist.", "Only a waiting registration can be moved.", ActivityProblems.NoOffer));
        }

        if (request.Position > waiting.Count)
        {
            return new FieldErrors().Add("position", $"the waitlist has {waiting.Count} places.").ToProblem();
        }

        var from = WaitlistOrder.Move(waiting, moving, request.Position!.Value);

        db.Add(new WaitlistChange
        {
            Id = Guid.CreateVersion7(),
            SessionId = sessionId.Value,
            RegistrationId = id,
            FromPosition = from,
            ToPosition = request.Position.Value,
            Reason = request.Reason!.Trim(),
            ChangedBy = caller.AuditActor(),
            ChangedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RegistrationDtos.ToDto(moving, request.Position.Value));
    }

    internal static async Task<Results<Ok<RegistrationDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> ConfirmAsync(
        Guid id, MoveOnWaitlistRequest request, ActivitiesDbContext db, Waitlist waitlist, TimeProvider time, ClaimsPrincipal caller,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("reason", request.Reason, 500);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var sessionId = await waitlist.SessionOfAsync(id, cancellationToken);
        if (sessionId is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchRegistration(id));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = (await waitlist.LockSessionAsync(sessionId.Value, cancellationToken))!;
        var registration = await db.Registrations.FirstAsync(r => r.Id == id, cancellationToken);
        var now = time.GetUtcNow();
        if (registration.Status != RegistrationStatus.Waitlisted || !session.IsOpenForRegistration(now))
        {
            return TypedResults.Conflict(Problems.Conflict("Not waiting.", "Only a waiting registration for a session ahead can be confirmed.", ActivityProblems.NoOffer));
        }

        var position = await waitlist.PositionAsync(registration, cancellationToken);
        if (!await waitlist.TryTakePlaceAsync(session.Id, cancellationToken))
        {
            return TypedResults.Conflict(Problems.Conflict("The session is full.",
                $"All {session.Capacity} places are taken; an override cannot exceed the venue's planned capacity.", ActivityProblems.SessionFull));
        }

        registration.Confirm();
        db.AddEvent(new Contracts.RegistrationConfirmed(registration.Id, session.Id, registration.OnBehalf, now), now);
        db.Add(new WaitlistChange
        {
            Id = Guid.CreateVersion7(),
            SessionId = session.Id,
            RegistrationId = id,
            FromPosition = position ?? 0,
            ToPosition = 0,
            Reason = request.Reason!.Trim(),
            ChangedBy = caller.AuditActor(),
            ChangedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RegistrationDtos.ToDto(registration, null));
    }

    internal static async Task<Ok<IReadOnlyList<WaitlistChangeDto>>> ChangesAsync(Guid sessionId, ActivitiesDbContext db, CancellationToken cancellationToken)
    {
        var changes = await db.Set<WaitlistChange>().AsNoTracking().Where(c => c.SessionId == sessionId).OrderBy(c => c.ChangedAt)
            .Select(c => new WaitlistChangeDto(c.RegistrationId, c.FromPosition, c.ToPosition, c.Reason, c.ChangedBy, c.ChangedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<WaitlistChangeDto>>(changes);
    }
}
