using Community.Persistence;
using System.Security.Claims;
using Community.Messaging.Persistence;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;
using Community.Services.Volunteers.Teams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Opportunities;

public sealed record SignUpRequest(Guid? VolunteerId);

/// <param name="VolunteerIds">Which members go; all current members when left out.</param>
public sealed record TeamSignUpRequest(Guid? TeamId, IReadOnlyList<Guid>? VolunteerIds);

public sealed record RosterEntryDto(Guid AssignmentId, Guid VolunteerId, string DisplayName, string Kind, bool IsMinor, DateTimeOffset AssignedAt);

/// <summary>A shift a volunteer is on, with what it is for.</summary>
public sealed record MyShiftDto(Guid AssignmentId, Guid ShiftId, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place, string Status);

public static class ShiftsApi
{
    public static IEndpointRouteBuilder MapShiftsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/opportunities", ListAsync)
            .WithTags("Opportunities")
            .WithName("ListOpportunities")
            .WithSummary("Open opportunities with their shifts, soonest first, optionally for one skill.")
            .RequireAuthorization(Policies.ShiftReaders);
        app.MapPost("/shifts/{shiftId:guid}/signups", SignUpAsync)
            .WithTags("Opportunities")
            .WithName("SignUpForShift")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Signs a volunteer up for a shift; refused past its maximum or when it overlaps their other shifts.")
            .RequireAuthorization(Policies.WorkersAndVolunteers);
        app.MapPost("/shifts/{shiftId:guid}/team-signups", TeamSignUpAsync)
            .WithTags("Opportunities")
            .WithName("SignUpTeamForShift")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A team leader (or staff) signs a team up together: every member goes, or none.")
            .RequireAuthorization(Policies.WorkersAndVolunteers);
        app.MapGet("/shifts/{shiftId:guid}/roster", RosterAsync)
            .WithTags("Opportunities")
            .WithName("ShiftRoster")
            .WithSummary("Who is on a shift, children marked: for its supervisor (staff, or a grid worker of the shift's building).")
            .RequireAuthorization(Policies.Workers);
        app.MapGet("/volunteers/{id:guid}/shifts", MyShiftsAsync)
            .WithTags("Opportunities")
            .WithName("VolunteerShifts")
            .WithSummary("The shifts a volunteer is on from today, soonest first (the volunteer, a child's guardian, staff).");
        app.MapPost("/assignments/{id:guid}/withdraw", WithdrawAsync)
            .WithTags("Opportunities")
            .WithName("WithdrawFromShift")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Takes a volunteer off a shift; the requesting service is told.")
            .RequireAuthorization(Policies.WorkersAndVolunteers);
        return app;
    }

    internal static async Task<Results<Ok<Page<OpportunityDto>>, ValidationProblem>> ListAsync(
        string? skill, int? page, int? pageSize, VolunteersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = time.GetUtcNow();
        var query = db.Opportunities.AsNoTracking().Where(o => db.Shifts.Any(s => s.OpportunityId == o.Id && s.StartsAt > now && s.Status == ShiftStatuses.Open));
        if (!string.IsNullOrWhiteSpace(skill))
        {
            query = query.Where(o => o.Skill == skill);
        }

        var result = await query.ToPageAsync(q => q.OrderBy(o => db.Shifts.Where(s => s.OpportunityId == o.Id).Min(s => s.StartsAt)).ThenBy(o => o.Id),
            paging, o => o, cancellationToken);
        var ids = result.Items.Select(o => o.Id).ToList();
        var shifts = await db.Shifts.AsNoTracking().Where(s => ids.Contains(s.OpportunityId)).OrderBy(s => s.StartsAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<OpportunityDto>(
            result.Items.Select(o => new OpportunityDto(o.Id, o.Source, o.RequestId, o.Title, o.Skill,
                shifts.Where(s => s.OpportunityId == o.Id).Select(ShiftDtos.ToDto).ToList())).ToList(),
            result.PageNumber, result.PageSize, result.Total));
    }

    internal static async Task<Results<Created<AssignmentDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> SignUpAsync(
        Guid shiftId, SignUpRequest request, VolunteersDbContext db, Roster roster, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (request.VolunteerId is not { } volunteerId)
        {
            return new FieldErrors().Add("volunteerId", "is required.").ToProblem();
        }

        // The volunteer, a child's guardian, or recruiters.
        var lookup = await db.FindForAsync(volunteerId, caller, cancellationToken);
        if (lookup.Volunteer is not { } volunteer)
        {
            return lookup.Exists ? TypedResults.Forbid() : TypedResults.Problem(VolunteerProblems.NoSuchVolunteer(volunteerId));
        }

        var (assigned, problem) = await roster.AssignAsync(shiftId, [volunteer], cancellationToken);
        return problem is not null
            ? TypedResults.Problem(problem)
            : TypedResults.Created($"/assignments/{assigned[0].Id}", ShiftDtos.ToDto(assigned[0]));
    }

    internal static async Task<Results<Created<IReadOnlyList<AssignmentDto>>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> TeamSignUpAsync(
        Guid shiftId, TeamSignUpRequest request, VolunteersDbContext db, Roster roster, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (request.TeamId is not { } teamId)
        {
            return new FieldErrors().Add("teamId", "is required.").ToProblem();
        }

        if (!await db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken))
        {
            return TypedResults.Problem(TeamProblems.NoSuchTeam(teamId));
        }

        var members = await db.TeamMemberships.AsNoTracking().Where(m => m.TeamId == teamId && m.LeftAt == null).ToListAsync(cancellationToken);
        if (!await TeamAccess.MayManageAsync(db, teamId, await db.CallerAsync(caller, cancellationToken), cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var chosen = request.VolunteerIds?.Distinct().ToList() ?? members.Select(m => m.VolunteerId).ToList();
        var errors = new FieldErrors();
        foreach (var outsider in chosen.Where(id => members.All(m => m.VolunteerId != id)))
        {
            errors.Add("volunteerIds", $"{outsider} is not a current member of the team.");
        }

        if (chosen.Count == 0)
        {
            errors.Add("volunteerIds", "the team has nobody to sign up.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var volunteers = await db.Volunteers.AsNoTracking().Where(v => chosen.Contains(v.Id)).OrderBy(v => v.DisplayName).ToListAsync(cancellationToken);
        var (assigned, problem) = await roster.AssignAsync(shiftId, volunteers, cancellationToken);
        return problem is not null
            ? TypedResults.Problem(problem)
            : TypedResults.Created($"/shifts/{shiftId}", (IReadOnlyList<AssignmentDto>)assigned.Select(ShiftDtos.ToDto).ToList());
    }

    internal static async Task<Results<Ok<AssignmentDto>, ProblemHttpResult, ForbidHttpResult>> WithdrawAsync(
        Guid id, VolunteersDbContext db, Roster roster, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var assignment = await db.Assignments.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assignment is null)
        {
            return TypedResults.Problem(Problems.NotFound("No such assignment.", $"There is no assignment {id}."));
        }

        var volunteer = await db.Volunteers.AsNoTracking().FirstAsync(v => v.Id == assignment.VolunteerId, cancellationToken);
        if (!await db.MayActOnAsync(caller, volunteer, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var (withdrawn, problem) = await roster.WithdrawAsync(assignment, cancellationToken);
        return problem is not null ? TypedResults.Problem(problem) : TypedResults.Ok(ShiftDtos.ToDto(withdrawn!));
    }

    internal static async Task<Results<Ok<IReadOnlyList<RosterEntryDto>>, NotFound<ProblemDetails>, ForbidHttpResult>> RosterAsync(
        Guid shiftId, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var shift = await db.Shifts.AsNoTracking().FirstOrDefaultAsync(s => s.Id == shiftId, cancellationToken);
        if (shift is null)
        {
            return TypedResults.NotFound(ShiftProblems.NoSuchShift(shiftId));
        }

        if (!ShiftSupervision.Allows(await db.CallerAsync(caller, cancellationToken), shift))
        {
            return TypedResults.Forbid();
        }

        var today = Neighbourhood.Today(time.GetUtcNow());
        var rows = await db.Assignments.AsNoTracking().Where(a => a.ShiftId == shiftId && a.WithdrawnAt == null)
            .Join(db.Volunteers.AsNoTracking(), a => a.VolunteerId, v => v.Id, (a, v) => new { Assignment = a, Volunteer = v })
            .OrderBy(x => x.Assignment.AssignedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<RosterEntryDto>>(rows.Select(x => new RosterEntryDto(
            x.Assignment.Id, x.Volunteer.Id, x.Volunteer.DisplayName, x.Volunteer.Kind.ToCode(), x.Volunteer.IsMinorOn(today), x.Assignment.AssignedAt)).ToList());
    }

    internal static async Task<Results<Ok<IReadOnlyList<MyShiftDto>>, NotFound<ProblemDetails>, ForbidHttpResult>> MyShiftsAsync(
        Guid id, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var lookup = await db.FindForAsync(id, caller, cancellationToken);
        if (lookup.Volunteer is null)
        {
            return lookup.Exists ? TypedResults.Forbid() : TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        var from = Neighbourhood.StartOf(Neighbourhood.Today(time.GetUtcNow()));
        var shifts = await db.Assignments.AsNoTracking().Where(a => a.VolunteerId == id && a.WithdrawnAt == null && a.EndsAt >= from)
            .Join(db.Shifts.AsNoTracking(), a => a.ShiftId, s => s.Id, (a, s) => new { Assignment = a, Shift = s })
            .Join(db.Opportunities.AsNoTracking(), x => x.Shift.OpportunityId, o => o.Id, (x, o) => new { x.Assignment, x.Shift, o.Title })
            .OrderBy(x => x.Shift.StartsAt).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<MyShiftDto>>(shifts.Select(x => new MyShiftDto(
            x.Assignment.Id, x.Shift.Id, x.Title, x.Shift.StartsAt, x.Shift.EndsAt, x.Shift.Place, x.Shift.Status)).ToList());
    }
}
