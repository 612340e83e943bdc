using System.Security.Claims;
using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.Series;
using Community.Services.Activities.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Registrations;

/// <param name="ParticipantName">The person taking part (a name staff can find at the door).</param>
/// <param name="BirthYear">For age-limited audiences (elderly 60+, youth, children).</param>
/// <param name="ResidentId">The participant's resident id, when known; otherwise the registrant and the name identify them.</param>
/// <param name="OnBehalf">True when a relative or a grid worker registers someone else.</param>
/// <param name="Attributes">Declared for audience checks: <c>veteran</c>, <c>party-member</c>.</param>
public sealed record RegisterRequest(
    string? ParticipantName, int? BirthYear, string? ResidentId, string? HouseholdRef, bool? OnBehalf, IReadOnlyList<string>? Attributes);

public sealed record CancelRegistrationRequest(string? Reason);

public static class RegistrationsApi
{
    public static IEndpointRouteBuilder MapRegistrationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sessions/{sessionId:guid}/registrations", RegisterAsync)
            .WithTags("Registrations")
            .WithName("Register")
            .WithSummary("Registers a person for a session: a place if one is free, else the waitlist. An Idempotency-Key header makes retries safe.")
            .RequireAuthorization(Policies.Participants);

        app.MapGet("/sessions/{sessionId:guid}/registrations", ListForSessionAsync)
            .WithTags("Registrations")
            .WithName("ListSessionRegistrations")
            .WithSummary("Everyone registered for a session, confirmed first, then the waitlist in order (staff).")
            .RequireAuthorization(Policies.Staff);

        var registrations = app.MapGroup("/registrations").WithTags("Registrations").RequireAuthorization(Policies.Participants);
        registrations.MapGet("/{id:guid}", GetAsync)
            .WithName("GetRegistration")
            .WithSummary("One registration, with its waitlist position.");
        registrations.MapPost("/{id:guid}/cancel", CancelAsync)
            .WithName("CancelRegistration")
            .WithSummary("Cancels a registration; a place it held is offered to the first person waiting.");
        registrations.MapPost("/{id:guid}/accept", AcceptOfferAsync)
            .WithName("AcceptWaitlistOffer")
            .WithSummary("Accepts the place offered from the waitlist, before the offer expires.");
        return app;
    }

    internal static async Task<Results<Created<RegistrationDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> RegisterAsync(
        Guid sessionId, RegisterRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ActivitiesDbContext db, Waitlist waitlist, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new FieldErrors().Require("participantName", request.ParticipantName, 50)
            .Optional("residentId", request.ResidentId, 100).Optional("householdRef", request.HouseholdRef, 100);
        if (request.BirthYear is { } year && (year < 1900 || year > Recurrence.ToLocal(now).Year))
        {
            errors.Add("birthYear", "must be a past year after 1900.");
        }

        if (idempotencyKey is { Length: 0 or > 100 })
        {
            errors.Add("Idempotency-Key", "must be 1 to 100 characters.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var registrant = caller.Subject();
        var participantKey = string.IsNullOrWhiteSpace(request.ResidentId)
            ? $"{registrant}:{request.ParticipantName!.Trim().ToLowerInvariant()}"
            : $"resident:{request.ResidentId.Trim()}";

        // What does not change under concurrency is read before the session lock, which is held briefly.
        var series = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Join(db.Series.AsNoTracking(), s => s.SeriesId, x => x.Id, (_, x) => new { x.Audience, x.HouseholdCap })
            .FirstOrDefaultAsync(cancellationToken);
        if (series is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSession(sessionId));
        }

        if (Eligibility.Refusal(series.Audience, request.BirthYear, request.OnBehalf ?? false, request.Attributes, Recurrence.ToLocal(now).Year) is { } refusal)
        {
            return TypedResults.Conflict(Problems.Conflict("Not eligible for this activity.", refusal, ActivityProblems.NotEligible));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = (await waitlist.LockSessionAsync(sessionId, cancellationToken))!;

        if (idempotencyKey is not null &&
            await db.Registrations.FirstOrDefaultAsync(r => r.RegisteredBy == registrant && r.IdempotencyKey == idempotencyKey, cancellationToken)
                is { } earlier)
        {
            // A key names one operation on one target: reused for another session or person it is a client's mistake.
            if (earlier.SessionId != sessionId || earlier.ParticipantKey != participantKey)
            {
                return TypedResults.Problem(ActivityProblems.IdempotencyKeyReused());
            }

            // A retry: the first result, not a second registration.
            return TypedResults.Created($"/registrations/{earlier.Id}", RegistrationDtos.ToDto(earlier, await waitlist.PositionAsync(earlier, cancellationToken)));
        }

        if (!session.IsOpenForRegistration(now))
        {
            return TypedResults.Conflict(Problems.Conflict("Registration is closed.",
                session.Status == SessionStatus.Cancelled ? "The session was cancelled." : "The session has already started.", ActivityProblems.Closed));
        }

        if (series.HouseholdCap is { } cap && request.HouseholdRef is { } household &&
            Eligibility.HouseholdRefusal(cap, await db.Registrations.CountAsync(
                r => r.SessionId == sessionId && r.HouseholdRef == household.Trim() && r.Status != RegistrationStatus.Cancelled, cancellationToken)) is { } householdFull)
        {
            return TypedResults.Conflict(Problems.Conflict("The household's places are used.", householdFull, ActivityProblems.HouseholdCap));
        }

        var placeTaken = await waitlist.TryTakePlaceAsync(sessionId, cancellationToken);
        long rank = 0;
        int? position = null;
        if (!placeTaken)
        {
            // Under the session lock nobody else joins the waitlist: the newcomer goes last.
            rank = await waitlist.NextRankAsync(cancellationToken);
            position = 1 + await db.Registrations.CountAsync(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Waitlisted, cancellationToken);
        }

        var registration = Registration.Create(sessionId, participantKey, request.ParticipantName!, request.BirthYear, request.HouseholdRef,
            registrant, request.OnBehalf ?? false, placeTaken, rank, idempotencyKey, now);
        db.Registrations.Add(registration);
        db.AddEvent<object>(placeTaken
            ? new RegistrationConfirmed(registration.Id, sessionId, registration.OnBehalf, now)
            : new RegistrationWaitlisted(registration.Id, sessionId, position!.Value, now), now);

        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            // One live registration per person per session (the unique index), however the requests race.
            return TypedResults.Conflict(Problems.Conflict("Already registered.",
                "This person already has a registration for this session.", ProblemTypes.Duplicate));
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/registrations/{registration.Id}", RegistrationDtos.ToDto(registration, position));
    }

    internal static async Task<Results<Ok<Page<RegistrationDto>>, ValidationProblem, NotFound<ProblemDetails>>> ListForSessionAsync(
        Guid sessionId, int? page, int? pageSize, ActivitiesDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!await db.Sessions.AnyAsync(s => s.Id == sessionId, cancellationToken))
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSession(sessionId));
        }

        var query = db.Registrations.AsNoTracking().Where(r => r.SessionId == sessionId && r.Status != RegistrationStatus.Cancelled);
        // Positions continue across pages: the waitlist follows everyone holding a place.
        var holdingPlaces = await query.CountAsync(r => r.Status != RegistrationStatus.Waitlisted, cancellationToken);
        var waitingBefore = Math.Max(0, paging.Skip - holdingPlaces);
        var result = await query.ToPageAsync(
            q => q.OrderBy(r => r.Status == RegistrationStatus.Waitlisted).ThenBy(r => r.WaitlistRank).ThenBy(r => r.CreatedAt),
            paging,
            r => RegistrationDtos.ToDto(r, r.Status == RegistrationStatus.Waitlisted ? ++waitingBefore : null),
            cancellationToken);
        return TypedResults.Ok(result);
    }

    internal static async Task<Results<Ok<RegistrationDto>, NotFound<ProblemDetails>, ForbidHttpResult>> GetAsync(
        Guid id, ActivitiesDbContext db, Waitlist waitlist, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (registration is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchRegistration(id));
        }

        if (!RegistrationAccess.MayAct(caller, registration))
        {
            return TypedResults.Forbid();
        }

        return TypedResults.Ok(RegistrationDtos.ToDto(registration, await waitlist.PositionAsync(registration, cancellationToken)));
    }

    internal static async Task<Results<Ok<RegistrationDto>, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>, ValidationProblem>> CancelAsync(
        Guid id, CancelRegistrationRequest? request, ActivitiesDbContext db, Waitlist waitlist, TimeProvider time, ClaimsPrincipal caller,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Optional("reason", request?.Reason, 500);
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
        if (!RegistrationAccess.MayAct(caller, registration))
        {
            return TypedResults.Forbid();
        }

        if (registration.Status == RegistrationStatus.Cancelled)
        {
            return TypedResults.Conflict(Problems.Conflict("Already cancelled.", "This registration was cancelled before.", ActivityProblems.AlreadyCancelled));
        }

        var now = time.GetUtcNow();
        var heldAPlace = registration.HoldsAPlace;
        var reason = string.IsNullOrWhiteSpace(request?.Reason)
            ? (caller.IsStaff() && registration.RegisteredBy != caller.Subject() ? "cancelled by staff" : "cancelled by the registrant")
            : request.Reason.Trim();
        registration.Cancel(reason, now);
        db.AddEvent(new RegistrationCancelled(registration.Id, session.Id, reason, heldAPlace, now), now);
        await db.SaveChangesAsync(cancellationToken);
        if (heldAPlace)
        {
            await waitlist.ReleasePlaceAsync(session, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RegistrationDtos.ToDto(registration, null));
    }

    internal static async Task<Results<Ok<RegistrationDto>, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> AcceptOfferAsync(
        Guid id, ActivitiesDbContext db, Waitlist waitlist, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var sessionId = await waitlist.SessionOfAsync(id, cancellationToken);
        if (sessionId is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchRegistration(id));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await waitlist.LockSessionAsync(sessionId.Value, cancellationToken);
        var registration = await db.Registrations.FirstAsync(r => r.Id == id, cancellationToken);
        if (!RegistrationAccess.MayAct(caller, registration))
        {
            return TypedResults.Forbid();
        }

        var now = time.GetUtcNow();
        if (registration.Status != RegistrationStatus.Offered || registration.OfferExpiresAt <= now)
        {
            return TypedResults.Conflict(Problems.Conflict("No open offer.",
                registration.Status == RegistrationStatus.Confirmed ? "This registration already has a place." : "There is no open offer for this registration (it may have expired).",
                ActivityProblems.NoOffer));
        }

        registration.Confirm();
        db.AddEvent(new RegistrationConfirmed(registration.Id, registration.SessionId, registration.OnBehalf, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RegistrationDtos.ToDto(registration, null));
    }
}
