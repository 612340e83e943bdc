using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Series;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Sessions;

public sealed record SessionDto(
    Guid Id, Guid SeriesId, string Title, string Category, string Audience, Guid VenueId, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTime StartsAtLocal, int Capacity, int PlacesLeft, string Status);

public sealed record CancelSessionRequest(string? Reason);

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
            .RequireAuthorization(policy => policy.RequireRole(Roles.StationStaff, Roles.Admin));
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

        var start = from ?? time.GetUtcNow();
        var query = db.Sessions.AsNoTracking().Where(s => s.Status == SessionStatus.Scheduled && s.StartsAt >= start)
            .Join(db.Series.AsNoTracking(), s => s.SeriesId, series => series.Id, (s, series) => new { Session = s, Series = series });
        if (to is not null)
        {
            query = query.Where(x => x.Session.StartsAt < to);
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
            q => q.OrderBy(x => x.Session.StartsAt).ThenBy(x => x.Session.Id), paging, x => ToDto(x.Session, x.Series), cancellationToken));
    }

    internal static async Task<Results<Ok<SessionDto>, NotFound<ProblemDetails>>> GetAsync(Guid id, ActivitiesDbContext db, CancellationToken cancellationToken)
    {
        var found = await db.Sessions.AsNoTracking().Where(s => s.Id == id)
            .Join(db.Series.AsNoTracking(), s => s.SeriesId, series => series.Id, (s, series) => new { Session = s, Series = series })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null
            ? TypedResults.NotFound(Problems.NotFound("No such session.", $"There is no session {id}."))
            : TypedResults.Ok(ToDto(found.Session, found.Series));
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
            return TypedResults.NotFound(Problems.NotFound("No such session.", $"There is no session {id}."));
        }

        if (session.Status == SessionStatus.Cancelled)
        {
            return TypedResults.Conflict(Problems.Conflict("Already cancelled.", "This session was cancelled before.", ActivityProblems.AlreadyCancelled));
        }

        var now = time.GetUtcNow();
        var reason = request.Reason!.Trim();
        session.Cancel(reason);
        var live = await db.Registrations.Where(r => r.SessionId == id && r.Status != RegistrationStatus.Cancelled).ToListAsync(cancellationToken);
        foreach (var registration in live)
        {
            var held = registration.HoldsAPlace;
            registration.Cancel("session cancelled: " + reason, now);
            db.AddEvent(new RegistrationCancelled(registration.Id, id, "session cancelled", held, now), now);
        }

        db.AddEvent(new SessionCancelled(id, session.SeriesId, reason, live.Count, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE sessions SET places_taken = 0 WHERE id = {id}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var series = await db.Series.AsNoTracking().FirstAsync(s => s.Id == session.SeriesId, cancellationToken);
        return TypedResults.Ok(ToDto(session, series) with { PlacesLeft = 0 });
    }

    internal static SessionDto ToDto(Session s, ActivitySeries series) => new(
        s.Id, s.SeriesId, series.Title, series.Category, series.Audience, s.VenueId, s.StartsAt, s.EndsAt, Recurrence.ToLocal(s.StartsAt),
        s.Capacity, Math.Max(0, s.Capacity - s.PlacesTaken), s.Status);
}
