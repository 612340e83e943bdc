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

/// <param name="ParticipantName">The person taking part, when they have no resident record (a name staff can find at the door).
/// Left out for oneself when one's account is linked to a resident record, and for a resident named by <paramref name="ResidentId"/>.</param>
/// <param name="BirthYear">For age-limited audiences, when the participant has no resident record (a record's own birth year wins).</param>
/// <param name="ResidentId">The participant's resident id: oneself, one's ward, or someone who consented to the caller acting for them.
/// Name, birth year and household then come from the record.</param>
/// <param name="HouseholdRef">Ignored: the household is the resident record's, else the registrant's own.</param>
/// <param name="OnBehalf">True when registering someone else by name (a relative without a record).</param>
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
        registrations.MapGet("/mine", MineAsync)
            .WithName("ListMyRegistrations")
            .WithSummary("My registrations: those I made, those for me or my ward whoever made them, newest first; " +
                "when=upcoming gives those whose session has not ended, soonest first, when=past the others, latest first.");
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
        ActivitiesDbContext db, Waitlist waitlist, PlaceBooking booking, CheckInCodes codes, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new FieldErrors().Optional("participantName", request.ParticipantName, 50)
            .Optional("residentId", request.ResidentId, 100).Optional("householdRef", request.HouseholdRef, 100)
            .OptionalList("attributes", request.Attributes, 10, 30);
        if (request.ParticipantName is { } name && string.IsNullOrWhiteSpace(name))
        {
            errors.Add("participantName", "must not be blank (leave it out to register yourself or a resident by their record).");
        }

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
        var resolved = await Participants.ResolveAsync(db, caller, request, now, cancellationToken);
        if (resolved.Errors is { } invalid)
        {
            return invalid.ToProblem();
        }

        if (resolved.Problem is { } refused)
        {
            return TypedResults.Problem(refused);
        }

        var participant = resolved.Participant!;
        var participantKey = participant.Key;

        // What does not change under concurrency is read before the session lock, which is held briefly.
        var series = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Join(db.Series.AsNoTracking(), s => s.SeriesId, x => x.Id, (_, x) => new { x.Audience, x.HouseholdCap })
            .FirstOrDefaultAsync(cancellationToken);
        if (series is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSession(sessionId));
        }

        if (Eligibility.Refusal(series.Audience, participant.BirthYear, participant.OnBehalf, request.Attributes, Recurrence.ToLocal(now).Year) is { } refusal)
        {
            return TypedResults.Conflict(Problems.Conflict("Not eligible for this activity.", refusal, ActivityProblems.NotEligible));
        }

        if (idempotencyKey is not null && await EarlierAsync(db, waitlist, registrant, idempotencyKey, sessionId, participantKey, cancellationToken) is { } retried)
        {
            return retried;
        }

        var registration = Registration.Create(sessionId, participant, registrant, caller.AuditName(), placeTaken: true, 0, idempotencyKey, codes.New(), now);
        for (var draw = 1; ; draw++)
        {
            var outcome = await booking.BookAsync(registration, series.HouseholdCap, now, cancellationToken);

            // The same key raced itself and the first committed before this one was booked (refused by a unique index, or
            // by the household cap or the start it reached first): the first answers for both.
            if (outcome.Result != BookingResult.Booked && idempotencyKey is not null && outcome.Constraint != CheckInCodes.UniqueIndex &&
                await EarlierAsync(db, waitlist, registrant, idempotencyKey, sessionId, participantKey, cancellationToken) is { } raced)
            {
                return raced;
            }

            switch (outcome.Result)
            {
                case BookingResult.Booked:
                    return TypedResults.Created($"/registrations/{registration.Id}", RegistrationDtos.ToDto(registration, outcome.Position));
                case BookingResult.Cancelled:
                    return TypedResults.Conflict(Problems.Conflict("Registration is closed.", "The session was cancelled.", ActivityProblems.Closed));
                case BookingResult.Closed:
                    return TypedResults.Conflict(Problems.Conflict("Registration is closed.", "The session has already started.", ActivityProblems.Closed));
                case BookingResult.HouseholdFull:
                    return TypedResults.Conflict(Problems.Conflict("The household's places are used.",
                        Eligibility.HouseholdFull(series.HouseholdCap!.Value), ActivityProblems.HouseholdCap));
            }

            // Another registration of this session drew the same check-in code: nothing was written, draw again.
            if (outcome.Constraint == CheckInCodes.UniqueIndex && draw < CheckInCodes.Draws)
            {
                registration.DrawCheckInCodeAgain(codes.New());
                continue;
            }

            // One live registration per person per session (the unique index), however the requests race.
            return outcome.Constraint == CheckInCodes.UniqueIndex
                ? TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No check-in code could be drawn.",
                    detail: "Please try again.", type: ProblemTypes.Unavailable)
                : TypedResults.Conflict(Problems.Conflict("Already registered.",
                    "This person already has a registration for this session.", ProblemTypes.Duplicate));
        }
    }

    /// <summary>
    /// A retried request (the same Idempotency-Key) answered with the first result, not a second registration; null when
    /// the key is new. A key names one operation on one target: reused for another session or person it is a client's mistake.
    /// </summary>
    private static async Task<Results<Created<RegistrationDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>?> EarlierAsync(
        ActivitiesDbContext db, Waitlist waitlist, string registrant, string idempotencyKey, Guid sessionId, string participantKey, CancellationToken cancellationToken)
    {
        var earlier = await db.Registrations.AsNoTracking()
            .FirstOrDefaultAsync(r => r.RegisteredBy == registrant && r.IdempotencyKey == idempotencyKey, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        return earlier.SessionId != sessionId || earlier.ParticipantKey != participantKey
            ? TypedResults.Problem(ActivityProblems.IdempotencyKeyReused())
            : TypedResults.Created($"/registrations/{earlier.Id}", RegistrationDtos.ToDto(earlier, await waitlist.PositionAsync(earlier, cancellationToken)));
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

    /// <summary>The values <c>when</c> takes on <c>/registrations/mine</c>.</summary>
    public static class MineWhen
    {
        /// <summary>The session has not ended (a cancelled one too, until its time has passed): what she still goes to or must hear of.</summary>
        public const string Upcoming = "upcoming";

        /// <summary>The session has ended: what happened.</summary>
        public const string Past = "past";
    }

    internal static async Task<Results<Ok<Page<RegistrationDto>>, ValidationProblem>> MineAsync(
        int? page, int? pageSize, string? when, ActivitiesDbContext db, Waitlist waitlist, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (when is not (null or MineWhen.Upcoming or MineWhen.Past))
        {
            errors.Add("when", $"must be '{MineWhen.Upcoming}' or '{MineWhen.Past}' (or left out for all, newest first).");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = time.GetUtcNow();
        var mine = db.Mine(caller, now).AsNoTracking();
        var result = when is null
            ? await mine.ToPageAsync(q => q.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id), paging, r => r, cancellationToken)
            : await ByTheirSessions(mine, db, now, upcoming: when == MineWhen.Upcoming, paging, cancellationToken);        var sessions = await db.SessionsOfAsync(result.Items, cancellationToken);
        var items = new List<RegistrationDto>(result.Items.Count);
        foreach (var registration in result.Items)
        {
            items.Add(RegistrationDtos.ToDto(registration, await waitlist.PositionAsync(registration, cancellationToken), sessions.GetValueOrDefault(registration.SessionId)));
        }

        return TypedResults.Ok(new Page<RegistrationDto>(items, result.PageNumber, result.PageSize, result.Total));
    }

    /// <summary>Registrations whose session has not ended, soonest first (<paramref name="upcoming"/>), or has, latest first.</summary>
    private static Task<Page<Registration>> ByTheirSessions(
        IQueryable<Registration> registrations, ActivitiesDbContext db, DateTimeOffset now, bool upcoming, PageRequest paging, CancellationToken cancellationToken)
    {
        var withSessions = registrations.Join(db.Sessions, r => r.SessionId, s => s.Id, (r, s) => new { Registration = r, s.StartsAt, s.EndsAt });
        return (upcoming ? withSessions.Where(x => x.EndsAt > now) : withSessions.Where(x => x.EndsAt <= now)).ToPageAsync(
            q => (upcoming ? q.OrderBy(x => x.StartsAt) : q.OrderByDescending(x => x.StartsAt)).ThenBy(x => x.Registration.Id),
            paging, x => x.Registration, cancellationToken);
    }

    internal static async Task<Results<Ok<RegistrationDto>, NotFound<ProblemDetails>, ForbidHttpResult>> GetAsync(
        Guid id, ActivitiesDbContext db, Waitlist waitlist, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (registration is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchRegistration(id));
        }

        if (!await db.MayActAsync(caller, registration, time.GetUtcNow(), cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var sessions = await db.SessionsOfAsync([registration], cancellationToken);
        return TypedResults.Ok(RegistrationDtos.ToDto(registration, await waitlist.PositionAsync(registration, cancellationToken), sessions.GetValueOrDefault(registration.SessionId)));
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
        if (!await db.MayActAsync(caller, registration, time.GetUtcNow(), cancellationToken))
        {
            return TypedResults.Forbid();
        }

        if (registration.Status == RegistrationStatus.Cancelled)
        {
            return TypedResults.Conflict(Problems.Conflict("Already cancelled.", "This registration was cancelled before.", ActivityProblems.AlreadyCancelled));
        }

        // Once the session has started (or is over), the registration is part of what happened: who came and who did
        // not. Cancelling then would take a no-show out of the attendance figures and tell her "cancelled" afterwards.
        if (!session.IsOpenForRegistration(time.GetUtcNow()))
        {
            return TypedResults.Conflict(Problems.Conflict("The session has started.",
                session.Status == SessionStatus.Scheduled ? "A registration can be cancelled until the session starts." : $"The session is {session.Status}.",
                ActivityProblems.Closed));
        }

        var (by, code) = caller.IsStaff() && registration.RegisteredBy != caller.Subject() ? ("staff", CancellationReasons.ByStaff)
            : registration.RegisteredBy == caller.Subject() ? ("the registrant", CancellationReasons.ByRegistrant) : ("the participant", CancellationReasons.ByParticipant);
        // The person's own words stay with the registration; the event carries only who cancelled.
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? $"cancelled by {by}" : request.Reason.Trim();
        await waitlist.CancelAsync(session, registration, reason, caller.AuditActor(), code, cancellationToken);
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
        var session = await waitlist.LockSessionAsync(sessionId.Value, cancellationToken);
        var registration = await db.Registrations.FirstAsync(r => r.Id == id, cancellationToken);
        if (!await db.MayActAsync(caller, registration, time.GetUtcNow(), cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var now = time.GetUtcNow();
        // An offer is never taken up once the session has started, even if it was moved earlier after the offer was made.
        var open = registration.Status == RegistrationStatus.Offered && session!.IsOpenForRegistration(now) && (registration.OfferExpiresAt > now || (session.StartsAt > now &&
            await db.OfferCallHolds.Where(OfferCallHold.KeepsOpen(now)).AnyAsync(h => h.RegistrationId == registration.Id, cancellationToken)));
        if (!open)
        {
            return TypedResults.Conflict(Problems.Conflict("No open offer.",
                registration.Status == RegistrationStatus.Confirmed ? "This registration already has a place." : "There is no open offer for this registration (it may have expired).",
                ActivityProblems.NoOffer));
        }

        registration.Confirm();
        db.AddEvent(new RegistrationConfirmed(registration.Id, registration.SessionId, registration.OnBehalf, now, registration.ParticipantResidentId, registration.RegistrantAccountId), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(RegistrationDtos.ToDto(registration, null));
    }
}
