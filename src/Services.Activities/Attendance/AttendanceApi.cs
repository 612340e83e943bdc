using Community.Persistence;
using System.Security.Claims;
using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Attendance;

/// <param name="Code">The code on the participant's card or phone.</param>
/// <param name="RegistrationId">For someone found by name who forgot the code.</param>
public sealed record CheckInRequest(string? Code, Guid? RegistrationId);

public sealed record CheckInDto(Guid RegistrationId, string ParticipantName, DateTimeOffset CheckedInAt);

public sealed record DoorListEntry(Guid RegistrationId, string ParticipantName, bool CheckedIn);

public sealed record AttendanceDto(int Confirmed, int Attended, int NoShows, double? AttendanceRate);

public static class AttendanceApi
{
    public static IEndpointRouteBuilder MapAttendanceApi(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/sessions/{sessionId:guid}").WithTags("Attendance");
        session.MapPost("/check-ins", CheckInAsync)
            .WithName("CheckIn")
            .WithSummary("Checks a confirmed participant in at the door, by code or by registration (found by name): staff, or a volunteer assigned to the session.")
            .RequireAuthorization(Policies.AtTheDoor);
        session.MapGet("/check-ins/search", SearchAsync)
            .WithName("SearchDoorList")
            .WithSummary("Finds confirmed participants by part of their name, for those without their code: staff, or a volunteer assigned to the session.")
            .RequireAuthorization(Policies.AtTheDoor);
        session.MapPost("/complete", CompleteAsync)
            .WithName("CompleteSession")
            .WithSummary("Ends the session: absentees become no-shows; volunteers who checked in, or whom staff mark present here, are credited for the time they served (otherwise automatic after the end time).")
            .RequireAuthorization(Policies.Staff);
        session.MapGet("/attendance", SessionAttendanceAsync)
            .WithName("SessionAttendance")
            .WithSummary("Confirmed, attended and no-show counts of a session.")
            .RequireAuthorization(Policies.Staff);
        app.MapGet("/series/{seriesId:guid}/attendance", SeriesAttendanceAsync)
            .WithTags("Attendance")
            .WithName("SeriesAttendance")
            .WithSummary("Attendance over all completed sessions of an activity.")
            .RequireAuthorization(Policies.Staff);
        return app;
    }

    internal static async Task<Results<Ok<CheckInDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> CheckInAsync(
        Guid sessionId, CheckInRequest request, ActivitiesDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Code) == (request.RegistrationId is null))
        {
            return new FieldErrors().Add("code", "give either the check-in code or the registration id.").ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Held shared until the check-in commits: completion locks the session to mark no-shows, so a check-in lands
        // before it (and counts) or finds it completed; check-ins at one door do not wait for each other.
        var session = await db.Sessions.HeldAsync(s => s.Id, sessionId, cancellationToken);
        if (session is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSession(sessionId));
        }

        if (!await db.MayWorkTheDoorAsync(sessionId, caller, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var now = time.GetUtcNow();
        if (!session.IsOpenForCheckIn(now))
        {
            return TypedResults.Conflict(ActivityProblems.CheckInClosed());
        }

        var code = request.Code?.Trim().ToUpperInvariant();
        var registration = await db.Registrations.FirstOrDefaultAsync(r => r.SessionId == sessionId &&
            (code != null ? r.CheckInCode == code : r.Id == request.RegistrationId), cancellationToken);
        if (registration is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such registration here.", "No registration for this session has that code."));
        }

        if (registration.Status != RegistrationStatus.Confirmed)
        {
            return TypedResults.Conflict(Problems.Conflict("No place held.", $"This registration is {registration.Status}, not confirmed.", ActivityProblems.NoOffer));
        }

        if (registration.CheckedInAt is null)
        {
            registration.CheckIn(now);
            db.AddEvent(new AttendanceRecorded(registration.Id, sessionId, true, now), now);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        return TypedResults.Ok(new CheckInDto(registration.Id, registration.ParticipantName, registration.CheckedInAt!.Value));
    }

    internal static async Task<Results<Ok<IReadOnlyList<DoorListEntry>>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> SearchAsync(
        Guid sessionId, string? name, ActivitiesDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("name", name, 50);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!await db.Sessions.AnyAsync(s => s.Id == sessionId, cancellationToken))
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSession(sessionId));
        }

        if (!await db.MayWorkTheDoorAsync(sessionId, caller, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var pattern = "%" + name!.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        var found = await db.Registrations.AsNoTracking()
            .Where(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Confirmed && EF.Functions.ILike(r.ParticipantName, pattern))
            .OrderBy(r => r.ParticipantName).Take(20)
            .Select(r => new DoorListEntry(r.Id, r.ParticipantName, r.CheckedInAt != null))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DoorListEntry>>(found);
    }

    internal static async Task<Results<Ok<AttendanceDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> CompleteAsync(
        Guid sessionId, CompleteSessionRequest? request, Completion completion, ActivitiesDbContext db, CancellationToken cancellationToken)
    {
        var result = await completion.CompleteAsync(sessionId, request?.Present, cancellationToken);
        switch (result.Outcome)
        {
            case CompletionOutcome.InvalidPresence:
                return result.Errors!.ToProblem();
            case CompletionOutcome.NotFound:
                return TypedResults.NotFound(ActivityProblems.NoSuchSession(sessionId));
            case CompletionOutcome.NotStarted:
                return TypedResults.Conflict(Problems.Conflict("Not started yet.", "A session is completed once it has started.", ActivityProblems.Closed));
            case CompletionOutcome.NotScheduled:
                return TypedResults.Conflict(Problems.Conflict("Not running.", "The session was already completed or cancelled.", ActivityProblems.Closed));
            default:
                return TypedResults.Ok(await CountAsync(db.Registrations.Where(r => r.SessionId == sessionId), cancellationToken));
        }
    }

    internal static async Task<Results<Ok<AttendanceDto>, NotFound<ProblemDetails>>> SessionAttendanceAsync(
        Guid sessionId, ActivitiesDbContext db, CancellationToken cancellationToken) =>
        await db.Sessions.AnyAsync(s => s.Id == sessionId, cancellationToken)
            ? TypedResults.Ok(await CountAsync(db.Registrations.Where(r => r.SessionId == sessionId), cancellationToken))
            : TypedResults.NotFound(ActivityProblems.NoSuchSession(sessionId));

    internal static async Task<Results<Ok<AttendanceDto>, NotFound<ProblemDetails>>> SeriesAttendanceAsync(
        Guid seriesId, ActivitiesDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Series.AnyAsync(s => s.Id == seriesId, cancellationToken))
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSeries(seriesId));
        }

        var completed = db.Sessions.Where(s => s.SeriesId == seriesId && s.Status == SessionStatus.Completed).Select(s => s.Id);
        return TypedResults.Ok(await CountAsync(db.Registrations.Where(r => completed.Contains(r.SessionId)), cancellationToken));
    }

    private static async Task<AttendanceDto> CountAsync(IQueryable<Registration> registrations, CancellationToken cancellationToken)
    {
        var counts = await registrations.Where(r => r.Status == RegistrationStatus.Confirmed)
            .GroupBy(_ => 1)
            .Select(g => new { Confirmed = g.Count(), Attended = g.Count(r => r.CheckedInAt != null), NoShows = g.Count(r => r.NoShow) })
            .FirstOrDefaultAsync(cancellationToken);
        if (counts is null)
        {
            return new AttendanceDto(0, 0, 0, null);
        }

        return new AttendanceDto(counts.Confirmed, counts.Attended, counts.NoShows,
            counts.Confirmed == 0 ? null : Math.Round((double)counts.Attended / counts.Confirmed, 3));
    }
}
