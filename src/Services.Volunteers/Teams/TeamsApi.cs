using Community.Persistence;
using System.Security.Claims;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Teams;

public sealed record CreateTeamRequest(string? Name, string? Description, IReadOnlyList<Guid>? LeaderIds);

public sealed record TeamSummaryDto(Guid Id, string Name, string? Description, int Members);

/// <param name="VolunteerId">Null for a child when the caller is not staff or a leader: other members see that a child is in the team, not who.</param>
public sealed record TeamMemberDto(Guid? VolunteerId, string DisplayName, string Role, bool IsMinor, DateTimeOffset JoinedAt);

public sealed record TeamDto(Guid Id, string Name, string? Description, IReadOnlyList<TeamMemberDto> Members);

public sealed record AddMemberRequest(Guid? VolunteerId, string? Role);

public static class TeamsApi
{
    public static IEndpointRouteBuilder MapTeamsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/teams").WithTags("Teams");
        group.MapPost("/", CreateAsync).WithName("CreateTeam").WithSummary("Staff form a team with its leaders.")
            .RequireAuthorization(Policies.Workers);
        group.MapGet("/", ListAsync).WithName("ListTeams").WithSummary("Teams with their member counts; ledByMe=true: only those the caller leads.")
            .RequireAuthorization(Policies.WorkersAndVolunteers);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetTeam").WithSummary("A team's members (staff, grid workers and the team's own members).");
        group.MapPost("/{id:guid}/members", AddMemberAsync).WithName("AddTeamMember").WithSummary("Staff or a leader of the team add a member.");
        group.MapPost("/{id:guid}/members/{volunteerId:guid}/leave", LeaveAsync).WithName("LeaveTeam")
            .WithSummary("A member leaves (themselves, a child's guardian, a leader or staff); the history is kept.");
        return app;
    }

    internal static async Task<Results<Created<TeamDto>, ValidationProblem, Conflict<ProblemDetails>>> CreateAsync(
        CreateTeamRequest request, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("name", request.Name, 100).Optional("description", request.Description, 500);
        var leaders = request.LeaderIds?.Distinct().ToList() ?? [];
        var now = time.GetUtcNow();
        var adults = await db.Volunteers.AsNoTracking().Where(v => leaders.Contains(v.Id)).ToListAsync(cancellationToken);
        foreach (var id in leaders.Where(id => adults.All(a => a.Id != id || !a.IsAdultOn(Neighbourhood.Today(now)))))
        {
            errors.Add("leaderIds", $"{id} is not an adult volunteer in the registry.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var team = new Team { Id = Guid.CreateVersion7(), Name = request.Name!.Trim(), Description = request.Description?.Trim(), CreatedAt = now };
        db.Teams.Add(team);
        var memberships = leaders.Select(id => new TeamMembership { Id = Guid.CreateVersion7(), TeamId = team.Id, VolunteerId = id, Role = TeamRoles.Leader, JoinedAt = now }).ToList();
        db.TeamMemberships.AddRange(memberships);
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("The team exists.", $"There is already a team called '{team.Name}'.", ProblemTypes.Duplicate));
        }

        return TypedResults.Created($"/teams/{team.Id}", new TeamDto(team.Id, team.Name, team.Description,
            adults.Select(a => new TeamMemberDto(a.Id, a.DisplayName, TeamRoles.Leader, false, now)).ToList()));
    }

    internal static async Task<Ok<IReadOnlyList<TeamSummaryDto>>> ListAsync(
        bool? ledByMe, VolunteersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var query = db.Teams.AsNoTracking();
        if (ledByMe == true)
        {
            // The teams whose current leaders include the caller's own volunteer record (none without one).
            var me = (await db.CallerAsync(caller, cancellationToken)).VolunteerId;
            query = query.Where(t => db.TeamMemberships.Any(m => m.TeamId == t.Id && m.VolunteerId == me && m.Role == TeamRoles.Leader && m.LeftAt == null));
        }

        var teams = await query.OrderBy(t => t.Name)
            .Select(t => new TeamSummaryDto(t.Id, t.Name, t.Description, db.TeamMemberships.Count(m => m.TeamId == t.Id && m.LeftAt == null)))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<TeamSummaryDto>>(teams);
    }

    internal static async Task<Results<Ok<TeamDto>, NotFound<ProblemDetails>, ForbidHttpResult>> GetAsync(
        Guid id, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return TypedResults.NotFound(TeamProblems.NoSuchTeam(id));
        }

        var members = await db.TeamMemberships.AsNoTracking().Where(m => m.TeamId == id && m.LeftAt == null)
            .Join(db.Volunteers.AsNoTracking(), m => m.VolunteerId, v => v.Id, (m, v) => new { Membership = m, Volunteer = v })
            .OrderBy(x => x.Membership.Role).ThenBy(x => x.Membership.JoinedAt).ToListAsync(cancellationToken);
        var who = await db.CallerAsync(caller, cancellationToken);
        if (!TeamAccess.MayRead(who, members.Select(m => m.Volunteer)))
        {
            return TypedResults.Forbid();
        }

        // Other members see that a child is in the team, not who; staff, grid workers and the team's leaders see names.
        var today = Neighbourhood.Today(time.GetUtcNow());
        var seesChildren = caller.IsStaffOrGridWorker() || members.Any(m => m.Membership.Role == TeamRoles.Leader && who.VolunteerId == m.Volunteer.Id);
        return TypedResults.Ok(new TeamDto(team.Id, team.Name, team.Description, members.Select(x =>
        {
            var minor = x.Volunteer.IsMinorOn(today);
            var visible = !minor || seesChildren || VolunteerAccess.Allows(who, x.Volunteer);
            return new TeamMemberDto(visible ? x.Volunteer.Id : null, visible ? x.Volunteer.DisplayName : "少先队员", x.Membership.Role, minor, x.Membership.JoinedAt);
        }).ToList()));
    }

    internal static async Task<Results<Created<TeamMemberDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> AddMemberAsync(
        Guid id, AddMemberRequest request, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.VolunteerId is null)
        {
            errors.Add("volunteerId", "is required.");
        }

        var role = request.Role ?? TeamRoles.Member;
        if (!TeamRoles.IsKnown(role))
        {
            errors.Add("role", $"must be '{TeamRoles.Leader}' or '{TeamRoles.Member}'.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!await db.Teams.AnyAsync(t => t.Id == id, cancellationToken))
        {
            return TypedResults.NotFound(TeamProblems.NoSuchTeam(id));
        }

        if (!await TeamAccess.MayManageAsync(db, id, await db.CallerAsync(caller, cancellationToken), cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == request.VolunteerId, cancellationToken);
        if (volunteer is null)
        {
            return TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(request.VolunteerId));
        }

        var now = time.GetUtcNow();
        if (role == TeamRoles.Leader && !volunteer.IsAdultOn(Neighbourhood.Today(now)))
        {
            return new FieldErrors().Add("role", "a team leader must be an adult.").ToProblem();
        }

        var membership = new TeamMembership { Id = Guid.CreateVersion7(), TeamId = id, VolunteerId = volunteer.Id, Role = role, JoinedAt = now };
        db.TeamMemberships.Add(membership);
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("Already a member.", "The volunteer is already in this team.", ProblemTypes.Duplicate));
        }

        return TypedResults.Created($"/teams/{id}", new TeamMemberDto(volunteer.Id, volunteer.DisplayName, role, volunteer.IsMinorOn(Neighbourhood.Today(now)), now));
    }

    internal static async Task<Results<NoContent, NotFound<ProblemDetails>, ForbidHttpResult>> LeaveAsync(
        Guid id, Guid volunteerId, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var membership = await db.TeamMemberships.FirstOrDefaultAsync(m => m.TeamId == id && m.VolunteerId == volunteerId && m.LeftAt == null, cancellationToken);
        if (membership is null)
        {
            return TypedResults.NotFound(Problems.NotFound("Not a member.", $"Volunteer {volunteerId} is not in team {id}."));
        }

        var volunteer = await db.Volunteers.AsNoTracking().FirstAsync(v => v.Id == volunteerId, cancellationToken);
        var who = await db.CallerAsync(caller, cancellationToken);
        if (!VolunteerAccess.Allows(who, volunteer) && !await TeamAccess.MayManageAsync(db, id, who, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        membership.LeftAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
