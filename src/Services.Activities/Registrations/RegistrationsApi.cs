using Community.Persistence;
using System.Security.Claims;
using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.Series;
using Community.Services.Activities.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Community.Services.Activities.Registrations;

/// <param name="ParticipantName">The person taking part (a name staff can find at the door).</param>
/// <param name="BirthYear">For age-limited audiences (elderly 60+, youth, children).</param>
/// <param name="ResidentId">The participant's resident id, when known; otherwise the registrant and the name identify them.</param>
/// <param name="OnBehalf">True when a relative or a grid worker registers someone else.</param>
/// <param name="Attributes">Declared for audience checks: <c>veteran</c>, <c>party-member</c>.</param>
public sealed record RegisterRequest(
    string? ParticipantName, int? BirthYear, string? ResidentId, string? HouseholdRef, bool? OnBehalf, IReadOnlyList<string>? Attributes);

public sealed record CancelRegistrationRequest(string? Reason);

public sealed record RegistrationDto(
    Guid Id, Guid SessionId, string ParticipantName, string Status, int? WaitlistPosition, DateTimeOffset? OfferExpiresAt,
    string? CheckInCode, bool OnBehalf, DateTimeOffset CreatedAt);

public static class RegistrationsApi
{
    private static readonly string[] Registrants = [Roles.Resident, Roles.Volunteer, Roles.GridWorker, Roles.StationStaff, Roles.Admin];
    private static readonly string[] Staff = [Roles.StationStaff, Roles.Admin];

    public static IEndpointRouteBuilder MapRegistrationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sessions/{sessionId:guid}/registrations", RegisterAsync)
            .WithTags("Registrations")
            .WithName("Register")
            .WithSummary("Registers a person for a session: a place if one is free, else the waitlist. An Idempotency-Key header makes retries safe.")
            .RequireAuthorization(policy => policy.RequireRole(Registrants));

        app.MapGet("/sessions/{sessionId:guid}/registrations", ListForSessionAsync)
            .WithTags("Registrations")
            .WithName("ListSessionRegistrations")
            .WithSummary("Everyone registered for a session, confirmed first, then the waitlist in order (staff).")
            .RequireAuthorization(policy => policy.RequireRole(Staff));

        var registrations = app.MapGroup("/registrations").WithTags("Registrations");
        registrations.MapGet("/{id:guid}", GetAsync)
            .WithName("GetRegistration")
            .WithSummary("One registration, with its waitlist position.")
            .RequireAuthorization(policy => policy.RequireRole(Registrants));
        registrations.MapPost("/{id:guid}/cancel", CancelAsync)
            .WithName("CancelRegistration")
            .WithSummary("Cancels a registration; a place it held is offered to the first person waiting.")
            .RequireAuthorization(policy => policy.RequireRole(Registrants));
        registrations.MapPost("/{id:guid}/accept", AcceptOfferAsync)
            .WithName("AcceptWaitlistOffer")
            .WithSummary("Accepts the place offered from the waitlist, before the offer expires.")
            .RequireAuthorization(policy => policy.RequireRole(Registrants));
        return app;
    }

    internal static async Task<Results<Created<RegistrationDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RegisterAsync(
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

        // What does not change under concurrency is read before the session lock, which is held briefly.
        var series = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Join(db.Series.AsNoTracking(), s => s.SeriesId, x => x.Id, (_, x) => new { x.Audience, x.HouseholdCap })
            .FirstOrDefaultAsync(cancellationToken);
        if (series is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such session.", $"There is no session {sessionId}."));
        }

        if (Eligibility.Refusal(series.Audience, request, Recurrence.ToLocal(now).Year) is { } refusal)
        {
            return TypedResults.Conflict(Problems.Conflict("Not eligible for this activity.", refusal, ActivityProblems.NotEligible));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = (await waitlist.LockSessionAsync(sessionId, cancellationToken))!;

        if (idempotencyKey is not null &&
            await db.Registrations.FirstOrDefaultAsync(r => r.RegisteredBy == registrant && r.IdempotencyKey == idempotencyKey, cancellationToken)
                is { } earlier)
        {
            // A retry: the first result, not a second registration.
            return TypedResults.Created($"/registrations/{earlier.Id}", ToDto(earlier, await waitlist.PositionAsync(earlier, cancellationToken)));
        }

        if (!session.IsOpenForRegistration(now))
        {
            return TypedResults.Conflict(Problems.Conflict("Registration is closed.",
                session.Status == SessionStatus.Cancelled ? "The session was cancelled." : "The session has already started.", ActivityProblems.Closed));
        }

        if (series.HouseholdCap is { } cap && request.HouseholdRef is { } household &&
            await db.Registrations.CountAsync(r => r.SessionId == sessionId && r.HouseholdRef == household.Trim() && r.Status != RegistrationStatus.Cancelled, cancellationToken) >= cap)
        {
            return TypedResults.Conflict(Problems.Conflict("The household's places are used.",
                $"At most {cap} registrations per household for this session.", ActivityProblems.HouseholdCap));
        }

        var participantKey = string.IsNullOrWhiteSpace(request.ResidentId)
            ? $"{registrant}:{request.ParticipantName!.Trim().ToLowerInvariant()}"
            : $"resident:{request.ResidentId.Trim()}";
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

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Conflict(Problems.Conflict("Already registered.",
                "This person already has a registration for this session.", ProblemTypes.Duplicate));
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/registrations/{registration.Id}", ToDto(registration, position));
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
            return TypedResults.NotFound(Problems.NotFound("No such session.", $"There is no session {sessionId}."));
        }

        var query = db.Registrations.AsNoTracking().Where(r => r.SessionId == sessionId && r.Status != RegistrationStatus.Cancelled);
        // Positions continue across pages: the waitlist follows everyone holding a place.
        var holdingPlaces = await query.CountAsync(r => r.Status != RegistrationStatus.Waitlisted, cancellationToken);
        var waitingBefore = Math.Max(0, paging.Skip - holdingPlaces);
        var result = await query.ToPageAsync(
            q => q.OrderBy(r => r.Status == RegistrationStatus.Waitlisted).ThenBy(r => r.WaitlistRank).ThenBy(r => r.CreatedAt),
            paging,
            r => ToDto(r, r.Status == RegistrationStatus.Waitlisted ? ++waitingBefore : null),
            cancellationToken);
        return TypedResults.Ok(result);
    }

    internal static async Task<Results<Ok<RegistrationDto>, NotFound<ProblemDetails>, ForbidHttpResult>> GetAsync(
        Guid id, ActivitiesDbContext db, Waitlist waitlist, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (registration is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such registration.", $"There is no registration {id}."));
        }

        if (!MayAct(caller, registration))
        {
            return TypedResults.Forbid();
        }

        return TypedResults.Ok(ToDto(registration, await waitlist.PositionAsync(registration, cancellationToken)));
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

        var sessionId = await db.Registrations.Where(r => r.Id == id).Select(r => (Guid?)r.SessionId).FirstOrDefaultAsync(cancellationToken);
        if (sessionId is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such registration.", $"There is no registration {id}."));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = (await waitlist.LockSessionAsync(sessionId.Value, cancellationToken))!;
        var registration = await db.Registrations.FirstAsync(r => r.Id == id, cancellationToken);
        if (!MayAct(caller, registration))
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
        return TypedResults.Ok(ToDto(registration, null));
    }

    internal static async Task<Results<Ok<RegistrationDto>, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> AcceptOfferAsync(
        Guid id, ActivitiesDbContext db, Waitlist waitlist, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var sessionId = await db.Registrations.Where(r => r.Id == id).Select(r => (Guid?)r.SessionId).FirstOrDefaultAsync(cancellationToken);
        if (sessionId is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such registration.", $"There is no registration {id}."));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await waitlist.LockSessionAsync(sessionId.Value, cancellationToken);
        var registration = await db.Registrations.FirstAsync(r => r.Id == id, cancellationToken);
        if (!MayAct(caller, registration))
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
        return TypedResults.Ok(ToDto(registration, null));
    }

    /// <summary>Staff act on any registration; everyone else only on those they made.</summary>
    private static bool MayAct(ClaimsPrincipal caller, Registration registration) =>
        caller.IsStaff() || registration.RegisteredBy == caller.Subject();

    private static RegistrationDto ToDto(Registration r, int? position) => new(
        r.Id, r.SessionId, r.ParticipantName, r.Status, position, r.OfferExpiresAt,
        r.Status == RegistrationStatus.Confirmed ? r.CheckInCode : null, r.OnBehalf, r.CreatedAt);
}

public static class ActivityProblems
{
    public const string Closed = ProblemTypes.Base + "registration-closed";
    public const string NotEligible = ProblemTypes.Base + "not-eligible";
    public const string HouseholdCap = ProblemTypes.Base + "household-cap";
    public const string AlreadyCancelled = ProblemTypes.Base + "already-cancelled";
    public const string NoOffer = ProblemTypes.Base + "no-open-offer";
    public const string VenueClash = ProblemTypes.Base + "venue-clash";
    public const string VenueClosed = ProblemTypes.Base + "venue-closed";
    public const string SessionFull = ProblemTypes.Base + "session-full";
}

/// <summary>Whether a person may join an activity for a given audience, and if not, why — in words a resident understands.</summary>
public static class Eligibility
{
    public static string? Refusal(string audience, RegisterRequest request, int thisYear)
    {
        int? age = request.BirthYear is { } year ? thisYear - year : null;
        var attributes = request.Attributes ?? [];
        return audience switch
        {
            Audiences.Elderly when age is null => "This activity is for residents aged 60 and over: give the participant's birth year.",
            Audiences.Elderly when age < Audiences.ElderlyFromAge => $"This activity is for residents aged 60 and over; the participant is {age}.",
            Audiences.Youth when age is null => "This activity is for young people aged 14 to 35: give the participant's birth year.",
            Audiences.Youth when age is < Audiences.YouthFromAge or > Audiences.YouthToAge => $"This activity is for young people aged 14 to 35; the participant is {age}.",
            Audiences.ChildrenWithGuardian when age is null or >= Audiences.ChildUnderAge => "This activity is for children under 14: give the child's birth year.",
            Audiences.ChildrenWithGuardian when request.OnBehalf != true => "A child is registered by a guardian on the child's behalf.",
            Audiences.Veterans when !attributes.Contains("veteran") => "This activity is for veterans.",
            Audiences.PartyMembers when !attributes.Contains("party-member") => "This activity is for Party members.",
            _ => null,
        };
    }
}
