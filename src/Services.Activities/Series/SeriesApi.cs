using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Series;

/// <param name="FirstStartsAt">Local Shanghai time of the first session, e.g. <c>2026-12-01T09:30</c>.</param>
/// <param name="RecurrenceRule">An RFC 5545 RRULE with COUNT or UNTIL, e.g. <c>FREQ=WEEKLY;BYDAY=TU;COUNT=10</c>; omit for a one-off.</param>
public sealed record CreateSeriesRequest(
    string? Title, string? Description, string? Category, string? Audience, string? Organiser, Guid? VenueId, int? Capacity,
    int? HouseholdCap, string? FirstStartsAt, int? DurationMinutes, string? RecurrenceRule);

public sealed record SeriesDto(
    Guid Id, string Title, string? Description, string Category, string Audience, string Organiser, Guid VenueId, int Capacity,
    int? HouseholdCap, string? RecurrenceRule, IReadOnlyList<SessionDto> Sessions);

public static class SeriesApi
{
    public static IEndpointRouteBuilder MapSeriesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/series").WithTags("Series");
        group.MapPost("/", CreateAsync)
            .WithName("CreateSeries")
            .WithSummary("Creates an activity and schedules its sessions (one, or one per occurrence of its RRULE, Asia/Shanghai time).")
            .RequireAuthorization(Policies.Staff);
        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetSeries")
            .WithSummary("An activity with its sessions.");
        group.MapPost("/{id:guid}/cancel-remaining", CancelRemainingAsync)
            .WithName("CancelRemainingSessions")
            .WithSummary("Cancels every session of the activity that has not started; registrants are told through events.")
            .RequireAuthorization(Policies.Staff);
        return app;
    }

    internal static async Task<Results<Created<SeriesDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> CreateAsync(
        CreateSeriesRequest request, ActivitiesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Require("title", request.Title, SeriesRules.MaxTitleLength)
            .Optional("description", request.Description, SeriesRules.MaxDescriptionLength)
            .Require("organiser", request.Organiser, SeriesRules.MaxOrganiserLength);
        if (request.Category is null || !Categories.All.Contains(request.Category))
        {
            errors.Add("category", $"must be one of: {string.Join(", ", Categories.All)}.");
        }

        if (request.Audience is null || !Audiences.All.Contains(request.Audience))
        {
            errors.Add("audience", $"must be one of: {string.Join(", ", Audiences.All)}.");
        }

        if (request.VenueId is null)
        {
            errors.Add("venueId", "is required.");
        }

        if (request.Capacity is null or < 1)
        {
            errors.Add("capacity", "must be 1 or more.");
        }

        if (request.HouseholdCap is < 1)
        {
            errors.Add("householdCap", "must be 1 or more when given.");
        }

        if (request.DurationMinutes is null or < 1 or > SeriesRules.MaxDurationMinutes)
        {
            errors.Add("durationMinutes", $"must be between 1 and {SeriesRules.MaxDurationMinutes}.");
        }

        var now = time.GetUtcNow();
        if (!LocalTime.TryParse(request.FirstStartsAt, out var firstLocal))
        {
            errors.Add("firstStartsAt", "must be a local Shanghai date and time like 2026-12-01T09:30.");
        }
        else if (LocalTime.WhyNotPlannable(firstLocal, now) is { } notPlannable)
        {
            errors.Add("firstStartsAt", notPlannable);
        }

        if (request.RecurrenceRule is { } rule)
        {
            if (rule.Length > SeriesRules.MaxRuleLength)
            {
                errors.Add("recurrenceRule", $"must be at most {SeriesRules.MaxRuleLength} characters.");
            }
            else if (!Recurrence.TryParse(rule, out var ruleError))
            {
                errors.Add("recurrenceRule", ruleError!);
            }
        }

        IReadOnlyList<DateTimeOffset> starts = [];
        if (!errors.Any)
        {
            if (!Recurrence.TryOccurrences(firstLocal, request.RecurrenceRule, out starts))
            {
                errors.Add("recurrenceRule", $"plans sessions more than {LocalTime.MaxYearsAhead} years ahead; plan a shorter series.");
            }
            else if (starts.Count > Recurrence.MaxOccurrences)
            {
                errors.Add("recurrenceRule", $"plans more than {Recurrence.MaxOccurrences} sessions; plan a shorter series.");
            }
            else if (starts.Count == 0)
            {
                errors.Add("recurrenceRule", "gives no session at all.");
            }
            else if (starts.Count > 0 && LocalTime.IsBeyondHorizon(Recurrence.ToLocal(starts[^1]), now))
            {
                errors.Add("recurrenceRule", $"plans sessions more than {LocalTime.MaxYearsAhead} years ahead; plan a shorter series.");
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Held shared until the sessions are saved, against a closure of one of their dates (closing locks the venue).
        var venue = await db.Venues.HeldAsync(v => v.Id, request.VenueId!.Value, cancellationToken);
        if (venue is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchVenue(request.VenueId));
        }

        if (request.Capacity > venue.Capacity)
        {
            return new FieldErrors().Add("capacity", $"exceeds the venue's capacity of {venue.Capacity}.").ToProblem();
        }

        foreach (var start in starts)
        {
            var startLocal = Recurrence.ToLocal(start);
            if (venue.WhyClosed(startLocal, startLocal.AddMinutes(request.DurationMinutes!.Value)) is { } closed)
            {
                return TypedResults.Conflict(Problems.Conflict("The venue is closed then.", closed, ActivityProblems.VenueClosed));
            }
        }

        var series = ActivitySeries.Create(request.Title!, request.Description, request.Category!, request.Audience!, request.Organiser!,
            venue.Id, request.Capacity!.Value, request.HouseholdCap, firstLocal, request.DurationMinutes!.Value, request.RecurrenceRule, now);
        var duration = TimeSpan.FromMinutes(series.DurationMinutes);
        var sessions = starts.Select(start => Session.Schedule(series.Id, venue.Id, start, duration, series.Capacity)).ToList();
        db.Series.Add(series);
        db.Sessions.AddRange(sessions);
        foreach (var session in sessions)
        {
            db.AddEvent(new SessionScheduled(session.Id, series.Id, venue.Id, series.Category, series.Audience, session.StartsAt, session.EndsAt, session.Capacity, series.Title), now);
        }

        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            // Only the venue's exclusion constraint can refuse new sessions: say which one holds the venue, once the
            // aborted transaction has ended.
            await transaction.RollbackAsync(cancellationToken);
            return TypedResults.Conflict(await VenueClash.DescribeAsync(db, venue.Id, sessions, cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/series/{series.Id}", ToDto(series, sessions.Select(s => SessionDtos.ToDto(s, series)).ToList()));
    }

    internal static async Task<Results<Ok<SeriesDto>, NotFound<ProblemDetails>>> GetAsync(Guid id, ActivitiesDbContext db, CancellationToken cancellationToken)
    {
        var series = await db.Series.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (series is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSeries(id));
        }

        var sessions = await db.Sessions.AsNoTracking().Where(s => s.SeriesId == id).OrderBy(s => s.StartsAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(ToDto(series, sessions.Select(s => SessionDtos.ToDto(s, series)).ToList()));
    }

    internal static async Task<Results<Ok<SeriesDto>, ValidationProblem, NotFound<ProblemDetails>>> CancelRemainingAsync(
        Guid id, CancelSessionRequest request, ActivitiesDbContext db, Waitlist waitlist, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("reason", request.Reason, 500);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var series = await db.Series.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (series is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSeries(id));
        }

        var now = time.GetUtcNow();
        var remaining = await db.Sessions.AsNoTracking()
            .Where(s => s.SeriesId == id && s.Status == SessionStatus.Scheduled && s.StartsAt > now)
            .Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var sessionId in remaining)
        {
            // One session at a time, each under its own lock, in the order every other writer takes them.
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var session = await waitlist.LockSessionAsync(sessionId, cancellationToken);
            if (session is { Status: SessionStatus.Scheduled })
            {
                await SessionCancellation.CancelLockedAsync(db, session, request.Reason!.Trim(), now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.SeriesId == id).OrderBy(s => s.StartsAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(ToDto(series, sessions.Select(s => SessionDtos.ToDto(s, series)).ToList()));
    }

    private static SeriesDto ToDto(ActivitySeries s, IReadOnlyList<SessionDto> sessions) => new(
        s.Id, s.Title, s.Description, s.Category, s.Audience, s.Organiser, s.VenueId, s.Capacity, s.HouseholdCap, s.RecurrenceRule, sessions);
}
