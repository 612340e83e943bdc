using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Series;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Sessions;

public sealed record CancelSessionRequest(string? Reason);

/// <param name="StartsAt">New local Shanghai start, e.g. <c>2026-12-08T14:00</c>.</param>
/// <param name="DurationMinutes">New length; the old one if omitted.</param>
public sealed record MoveSessionRequest(string? StartsAt, int? DurationMinutes);

public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sessions").WithTags("Sessions");
        group.MapGet("/", ListAsync)
            .WithName("ListSessions")
            .WithSummary("Finds sessions by date range, category, audience, venue and free places, soonest first.");
        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetSession")
            .WithSummary("One session with its free places.");
        group.MapPost("/{id:guid}/cancel", CancelAsync)
            .WithName("CancelSession")
            .WithSummary("Cancels a session and every registration for it; registrants are told through events.")
            .RequireAuthorization(Policies.Staff);
        group.MapPost("/{id:guid}/move", MoveAsync)
            .WithName("MoveSession")
            .WithSummary("Moves one session of a series to another time, leaving the others alone; its registrations stay.")
            .RequireAuthorization(Policies.Staff);
        return app;
    }

    internal static async Task<Results<Ok<Page<SessionDto>>, ValidationProblem>> ListAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? category, string? audience, Guid? venueId, bool? hasPlaces, int? page, int? pageSize,
        ActivitiesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (from is not null && to is not null && to < from)
        {
            errors.Add("to", "must not be before 'from'.");
        }

        if (category is not null && !Categories.All.Contains(category))
        {
            errors.Add("category", $"must be one of: {string.Join(", ", Categories.All)}.");
        }

        if (audience is not null && !Audiences.All.Contains(audience))
        {
            errors.Add("audience", $"must be one of: {string.Join(", ", Audiences.All)}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // A bound with an offset (2026-12-21T00:00+08:00, as a Shanghai page sends) is the same instant in UTC, which is
        // all PostgreSQL's timestamptz takes.
        var start = from?.ToUniversalTime() ?? time.GetUtcNow();
        var end = to?.ToUniversalTime();
        var query = db.Sessions.AsNoTracking().Where(s => s.Status == SessionStatus.Scheduled && s.StartsAt >= start)
            .Join(db.Series.AsNoTracking(), s => s.SeriesId, series => series.Id, (s, series) => new { Session = s, Series = series });
        if (end is not null)
        {
            query = query.Where(x => x.Session.StartsAt < end);
        }

        if (category is not null)
        {
            query = query.Where(x => x.Series.Category == category);
        }

        if (audience is not null)
        {
            query = query.Where(x => x.Series.Audience == audience);
        }

        if (venueId is not null)
        {
            query = query.Where(x => x.Session.VenueId == venueId);
        }

        if (hasPlaces == true)
        {
            query = query.Where(x => x.Session.PlacesTaken < x.Session.Capacity);
        }

        return TypedResults.Ok(await query.ToPageAsync(
            q => q.OrderBy(x => x.Session.StartsAt).ThenBy(x => x.Session.Id), paging, x => SessionDtos.ToDto(x.Session, x.Series), cancellationToken));
    }

    internal static async Task<Results<Ok<SessionDto>, NotFound<ProblemDetails>>> GetAsync(Guid id, ActivitiesDbContext db, CancellationToken cancellationToken)
    {
        var found = await db.Sessions.AsNoTracking().Where(s => s.Id == id)
            .Join(db.Series.AsNoTracking(), s => s.SeriesId, series => series.Id, (s, series) => new { Session = s, Series = series })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null
            ? TypedResults.NotFound(ActivityProblems.NoSuchSession(id))
            : TypedResults.Ok(SessionDtos.ToDto(found.Session, found.Series));
    }

    internal static async Task<Results<Ok<SessionDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> CancelAsync(
        Guid id, CancelSessionRequest request, ActivitiesDbContext db, Waitlist waitlist, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("reason", request.Reason, 500);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await waitlist.LockSessionAsync(id, cancellationToken);
        if (session is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSession(id));
        }

        if (session.Status != SessionStatus.Scheduled)
        {
            return TypedResults.Conflict(Problems.Conflict("Not scheduled.", $"This session is already {session.Status}.", ActivityProblems.AlreadyCancelled));
        }

        await SessionCancellation.CancelLockedAsync(db, session, request.Reason!.Trim(), time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var series = await db.Series.AsNoTracking().FirstAsync(s => s.Id == session.SeriesId, cancellationToken);
        return TypedResults.Ok(SessionDtos.ToDto(session, series) with { PlacesLeft = 0 });
    }

    internal static async Task<Results<Ok<SessionDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> MoveAsync(
        Guid id, MoveSessionRequest request, ActivitiesDbContext db, Waitlist waitlist, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new FieldErrors();
        if (!LocalTime.TryParse(request.StartsAt, out var local))
        {
            errors.Add("startsAt", "must be a local Shanghai date and time like 2026-12-01T09:30.");
        }
        else if (LocalTime.WhyNotPlannable(local, now) is { } notPlannable)
        {
            errors.Add("startsAt", notPlannable);
        }

        if (request.DurationMinutes is < 1 or > SeriesRules.MaxDurationMinutes)
        {
            errors.Add("durationMinutes", $"must be between 1 and {SeriesRules.MaxDurationMinutes}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await waitlist.LockSessionAsync(id, cancellationToken);
        if (session is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSession(id));
        }

        if (!session.IsOpenForRegistration(now))
        {
            return TypedResults.Conflict(Problems.Conflict("Cannot move it.", "Only a scheduled session that has not started can move.", ActivityProblems.Closed));
        }

        var oldStart = session.StartsAt;
        var duration = request.DurationMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : session.EndsAt - session.StartsAt;
        // Held shared against a closure of the date (closing one locks the venue).
        var venue = (await db.Venues.HeldAsync(v => v.Id, session.VenueId, cancellationToken))!;
        if (venue.WhyClosed(local, local + duration) is { } closed)
        {
            return TypedResults.Conflict(Problems.Conflict("The venue is closed then.", closed, ActivityProblems.VenueClosed));
        }

        session.MoveTo(Recurrence.ToUtc(local), duration);
        db.AddEvent(new SessionMoved(session.Id, session.SeriesId, oldStart, session.StartsAt, session.EndsAt, now), now);
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            // Only the venue's exclusion constraint can refuse a move; the aborted transaction must end before we look.
            await transaction.RollbackAsync(cancellationToken);
            return TypedResults.Conflict(await VenueClash.DescribeAsync(db, session.VenueId, [session], cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        var series = await db.Series.AsNoTracking().FirstAsync(s => s.Id == session.SeriesId, cancellationToken);
        return TypedResults.Ok(SessionDtos.ToDto(session, series));
    }
}
