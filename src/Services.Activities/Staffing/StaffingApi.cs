using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Staffing;

public sealed record RequestVolunteersRequest(string? Role, string? Skill, int? Needed);

public sealed record VolunteerRoleDto(Guid Id, string Role, string? Skill, int Needed, int Filled, IReadOnlyList<Guid> VolunteerIds);

public sealed record StaffingDto(Guid SessionId, int Needed, int Filled, IReadOnlyList<VolunteerRoleDto> Roles);

public static class StaffingApi
{
    public static IEndpointRouteBuilder MapStaffingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sessions/{sessionId:guid}").WithTags("Staffing");
        group.MapPost("/volunteer-roles", RequestAsync)
            .WithName("RequestVolunteers")
            .WithSummary("Adds a volunteer role the session needs; the Volunteers service is asked to fill it.")
            .RequireAuthorization(Policies.Staff);
        group.MapGet("/staffing", GetAsync)
            .WithName("GetStaffing")
            .WithSummary("The session's volunteer roles: needed and filled, and who fills them (staff and grid workers).")
            .RequireAuthorization(Policies.Workers);
        return app;
    }

    internal static async Task<Results<Created<VolunteerRoleDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RequestAsync(
        Guid sessionId, RequestVolunteersRequest request, ActivitiesDbContext db, Waitlist waitlist, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("role", request.Role, 100).Optional("skill", request.Skill, 50);
        if (request.Needed is null or < 1 or > 100)
        {
            errors.Add("needed", "must be between 1 and 100.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // Under the session's lock, the time taken after it: a move committing meanwhile is either seen (the request
        // carries the new times) or waits, so the request never carries old times with a later time than the move's.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await waitlist.LockSessionAsync(sessionId, cancellationToken);
        if (session is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSession(sessionId));
        }

        var now = time.GetUtcNow();
        if (!session.IsOpenForRegistration(now))
        {
            return TypedResults.Conflict(Problems.Conflict("The session is not ahead.", "Volunteers are requested for scheduled sessions that have not started.",
                ActivityProblems.Closed));
        }

        var role = VolunteerRole.Create(sessionId, request.Role!, request.Skill, request.Needed!.Value, now);
        db.VolunteerRoles.Add(role);
        db.AddEvent(new VolunteersRequested(role.Id, "activities", sessionId, role.Role, role.Skill, role.Needed, session.StartsAt, session.EndsAt, session.VenueId, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/sessions/{sessionId}/staffing", new VolunteerRoleDto(role.Id, role.Role, role.Skill, role.Needed, 0, []));
    }

    internal static async Task<Results<Ok<StaffingDto>, NotFound<ProblemDetails>>> GetAsync(Guid sessionId, ActivitiesDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Sessions.AnyAsync(s => s.Id == sessionId, cancellationToken))
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSession(sessionId));
        }

        var roles = await db.VolunteerRoles.AsNoTracking().Where(r => r.SessionId == sessionId).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        var roleIds = roles.Select(r => r.Id).ToList();
        var assigned = await db.StaffAssignments.AsNoTracking()
            .Where(a => roleIds.Contains(a.RoleId) && a.WithdrawnAt == null)
            .ToListAsync(cancellationToken);
        var dtos = roles.Select(r =>
        {
            var volunteers = assigned.Where(a => a.RoleId == r.Id).Select(a => a.VolunteerId).ToList();
            return new VolunteerRoleDto(r.Id, r.Role, r.Skill, r.Needed, Math.Min(volunteers.Count, r.Needed), volunteers);
        }).ToList();
        return TypedResults.Ok(new StaffingDto(sessionId, dtos.Sum(d => d.Needed), dtos.Sum(d => d.Filled), dtos));
    }
}
