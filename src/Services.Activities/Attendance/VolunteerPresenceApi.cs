using Community.Persistence;
using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.Staffing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Attendance;

public sealed record VolunteerPresenceDto(Guid VolunteerId, DateTimeOffset? ArrivedAt, DateTimeOffset? LeftAt);

/// <summary>
/// Volunteers check in at the door like attendees, so their hours are credited for the time they served: arrival
/// and departure are recorded by staff or by another volunteer working the session's door — never by the volunteer
/// themselves, or a tap from home would earn a session's hours. Leaving and coming back counts each stay.
/// </summary>
public static class VolunteerPresenceApi
{
    public static IEndpointRouteBuilder MapVolunteerPresenceApi(this IEndpointRouteBuilder app)
    {
        var volunteer = app.MapGroup("/sessions/{sessionId:guid}/volunteers/{volunteerId:guid}").WithTags("Attendance")
            .RequireAuthorization(Policies.AtTheDoor);
        volunteer.MapPost("/arrival", ArriveAsync)
            .WithName("VolunteerArrived")
            .WithSummary("Checks a volunteer assigned to the session in at the door; only time served is credited as hours.");
        volunteer.MapPost("/departure", LeaveAsync)
            .WithName("VolunteerLeft")
            .WithSummary("Checks a volunteer out who leaves before the end; they are credited until now.");
        return app;
    }

    internal static Task<Results<Ok<VolunteerPresenceDto>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult, ProblemHttpResult>> ArriveAsync(
        Guid sessionId, Guid volunteerId, ActivitiesDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        ChangeAsync(sessionId, volunteerId, db, time, caller, static (assignment, session, now) =>
        {
            // A second scan at the door changes nothing; coming back after leaving banks the earlier stay and starts another.
            if (assignment.LeftAt is { } left)
            {
                assignment.EarlierMinutes = ServedTime.Minutes(session.StartsAt, session.EndsAt, left, assignment.ArrivedAt, left,
                    earlierMinutes: assignment.EarlierMinutes);
                assignment.ArrivedAt = now;
                assignment.LeftAt = null;
            }

            assignment.ArrivedAt ??= now;
            return null;
        }, cancellationToken);

    internal static Task<Results<Ok<VolunteerPresenceDto>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult, ProblemHttpResult>> LeaveAsync(
        Guid sessionId, Guid volunteerId, ActivitiesDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        ChangeAsync(sessionId, volunteerId, db, time, caller, static (assignment, _, now) =>
        {
            if (assignment.ArrivedAt is null)
            {
                return Problems.Conflict("Not checked in.", "A volunteer is checked out after they were checked in.", ActivityProblems.Closed);
            }

            assignment.LeftAt ??= now;
            return null;
        }, cancellationToken);

    private static async Task<Results<Ok<VolunteerPresenceDto>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult, ProblemHttpResult>> ChangeAsync(
        Guid sessionId, Guid volunteerId, ActivitiesDbContext db, TimeProvider time, ClaimsPrincipal caller,
        Func<StaffAssignment, Sessions.Session, DateTimeOffset, ProblemDetails?> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Held shared against the session's completion, as a check-in holds it.
        var session = await db.Sessions.HeldAsync(s => s.Id, sessionId, cancellationToken);
        if (session is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSession(sessionId));
        }

        if (!await db.MayWorkTheDoorAsync(sessionId, caller, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        if (!caller.IsStaff() && Guid.TryParse(caller.Subject(), out var account) &&
            await db.VolunteerAccounts.AnyAsync(l => l.AccountId == account && l.VolunteerId == volunteerId, cancellationToken))
        {
            return TypedResults.Problem(Problems.Forbidden("Not your own check-in.",
                "Staff or another volunteer at the door checks you in and out: hours are credited for the time someone saw you serve."));
        }

        var assignment = await db.StaffAssignments
            .Where(a => a.VolunteerId == volunteerId && a.WithdrawnAt == null && db.VolunteerRoles.Any(r => r.Id == a.RoleId && r.SessionId == sessionId))
            .OrderBy(a => a.AssignedAt).FirstOrDefaultAsync(cancellationToken);
        if (assignment is null)
        {
            return TypedResults.NotFound(Problems.NotFound("Not on this session.", $"Volunteer {volunteerId} is not assigned to session {sessionId}."));
        }

        var now = time.GetUtcNow();
        if (!session.IsOpenForCheckIn(now))
        {
            return TypedResults.Conflict(ActivityProblems.CheckInClosed());
        }

        if (change(assignment, session, now) is { } refusal)
        {
            return TypedResults.Conflict(refusal);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new VolunteerPresenceDto(volunteerId, assignment.ArrivedAt, assignment.LeftAt));
    }
}
