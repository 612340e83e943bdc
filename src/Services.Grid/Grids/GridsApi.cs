using System.Security.Claims;
using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Grids;

/// <summary>Micro-grids: their buildings, visit cycles and 1+2+X teams.</summary>
public static class GridsApi
{
    public static IEndpointRouteBuilder MapGridsApi(this IEndpointRouteBuilder app)
    {
        // Staff draw the grids and appoint their teams; the teams read them.
        var planning = app.MapGroup("/grids").WithTags("Grids").RequireAuthorization(Policies.Staff);
        planning.MapPost("/", CreateAsync).WithName("CreateGrid").WithSummary("Staff draw a grid over buildings that are in no other grid.");
        planning.MapPut("/{id:guid}/visit-cycles", SetVisitCyclesAsync).WithName("SetVisitCycles")
            .WithSummary("How often every household, and every household with a sensitive tag, should be visited.");
        planning.MapPost("/{id:guid}/buildings", AddBuildingAsync).WithName("AddBuildingToGrid")
            .WithSummary("Adds a building; refused (409) while it is in another grid.");
        planning.MapPost("/{id:guid}/buildings/{buildingId:guid}/remove", RemoveBuildingAsync).WithName("RemoveBuildingFromGrid")
            .WithSummary("Takes a building out of the grid (kept in its history).");
        planning.MapPost("/{id:guid}/team", AppointAsync).WithName("AppointTeamMember")
            .WithSummary("Appoints a volunteer to the team; a second secretary, building leader or youth representative is refused (409).");
        planning.MapPost("/{id:guid}/team/{memberId:guid}/end", EndRoleAsync).WithName("EndTeamRole")
            .WithSummary("Ends someone's role in the team; the history keeps who held it from when to when.");

        var reading = app.MapGroup("/grids").WithTags("Grids").RequireAuthorization(Policies.Workers);
        reading.MapGet("/", ListAsync).WithName("ListGrids").WithSummary("The grids (a grid worker's own only), with building counts and whether the 1+2 of each team is filled.");
        reading.MapGet("/{id:guid}", GetAsync).WithName("GetGrid").WithSummary("A grid's buildings and current team (staff, or the grid's own team).");
        reading.MapGet("/{id:guid}/team/history", HistoryAsync).WithName("TeamHistory").WithSummary("Everyone who held a role in the team, with dates.");
        return app;
    }

    internal static async Task<Results<Created<GridDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> CreateAsync(
        CreateGridRequest request, GridDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("name", request.Name, 100)
            .Range("visitCycleDays", request.VisitCycleDays, 1, 366).Range("vulnerableVisitCycleDays", request.VulnerableVisitCycleDays, 1, 366);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var buildingIds = request.BuildingIds?.Distinct().ToList() ?? [];
        var known = await db.Buildings.Where(b => buildingIds.Contains(b.Id)).Select(b => b.Id).ToListAsync(cancellationToken);
        if (buildingIds.Except(known).FirstOrDefault() is var missing && missing != Guid.Empty)
        {
            return TypedResults.NotFound(Problems.NotFound("No such building.", $"There is no building {missing}."));
        }

        var now = time.GetUtcNow();
        var grid = new MicroGrid
        {
            Id = Guid.CreateVersion7(), Name = request.Name!.Trim(), CreatedAt = now,
            VisitCycleDays = request.VisitCycleDays ?? 90, VulnerableVisitCycleDays = request.VulnerableVisitCycleDays ?? 30,
        };
        db.Grids.Add(grid);
        db.GridBuildings.AddRange(buildingIds.Select(b => new GridBuilding { Id = Guid.CreateVersion7(), GridId = grid.Id, BuildingId = b, From = now }));
        db.AddEvent(new GridBuildingsChanged(grid.Id, buildingIds, now), now);
        if (await SaveAsync(db, cancellationToken) is { } conflict)
        {
            return TypedResults.Conflict(conflict);
        }

        return TypedResults.Created($"/grids/{grid.Id}", new GridDto(grid.Id, grid.Name, buildingIds, [], false, grid.VisitCycleDays, grid.VulnerableVisitCycleDays));
    }

    internal static async Task<Ok<IReadOnlyList<GridSummaryDto>>> ListAsync(ClaimsPrincipal caller, GridDbContext db, CancellationToken cancellationToken)
    {
        // Staff see every grid; a grid worker the grids whose team they are in.
        var working = await db.WorkingGridsAsync(caller, cancellationToken);
        var teams = working.Teams.ToList();
        var visible = db.Grids.AsNoTracking().Where(g => working.All || teams.Contains(g.Id));
        var grids = await visible.OrderBy(g => g.Name).Select(g => new GridSummaryDto(
            g.Id, g.Name, db.GridBuildings.Count(b => b.GridId == g.Id && b.Until == null),
            db.TeamMembers.Where(m => m.GridId == g.Id && m.Until == null && m.Role != TeamRoles.Volunteer).Select(m => m.Role).Distinct().Count() == 3,
            g.VisitCycleDays, g.VulnerableVisitCycleDays)).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<GridSummaryDto>>(grids);
    }

    internal static async Task<Results<Ok<GridDto>, NotFound<ProblemDetails>, ForbidHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal caller, GridDbContext db, CancellationToken cancellationToken)
    {
        if (await DtoAsync(db, id, cancellationToken) is not { } grid)
        {
            return TypedResults.NotFound(Problems.NotFound("No such grid.", $"There is no grid {id}."));
        }

        return await db.MayWorkOnAsync(caller, id, cancellationToken) ? TypedResults.Ok(grid) : TypedResults.Forbid();
    }

    private static async Task<GridDto?> DtoAsync(GridDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var grid = await db.Grids.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (grid is null)
        {
            return null;
        }

        var buildings = await db.GridBuildings.AsNoTracking().Where(b => b.GridId == id && b.Until == null).Select(b => b.BuildingId).ToListAsync(cancellationToken);
        var team = await TeamAsync(db, id, currentOnly: true, cancellationToken);
        return new GridDto(grid.Id, grid.Name, buildings, team, IsComplete(team), grid.VisitCycleDays, grid.VulnerableVisitCycleDays);
    }

    internal static async Task<Results<Ok<GridDto>, ValidationProblem, NotFound<ProblemDetails>>> SetVisitCyclesAsync(
        Guid id, VisitCyclesRequest request, GridDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Range("visitCycleDays", request.VisitCycleDays ?? 0, 1, 366)
            .Range("vulnerableVisitCycleDays", request.VulnerableVisitCycleDays ?? 0, 1, 366);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var grid = await db.Grids.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (grid is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such grid.", $"There is no grid {id}."));
        }

        grid.VisitCycleDays = request.VisitCycleDays!.Value;
        grid.VulnerableVisitCycleDays = request.VulnerableVisitCycleDays!.Value;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await DtoAsync(db, id, cancellationToken) ?? throw new InvalidOperationException("The grid vanished."));
    }

    internal static async Task<Results<Ok<GridDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> AddBuildingAsync(
        Guid id, AddBuildingRequest request, GridDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.BuildingId is not { } buildingId)
        {
            return new FieldErrors().Add("buildingId", "is required.").ToProblem();
        }

        if (!await db.Buildings.AnyAsync(b => b.Id == buildingId, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such building.", $"There is no building {buildingId}."));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await LockGridAsync(db, id, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such grid.", $"There is no grid {id}."));
        }

        var now = time.GetUtcNow();
        db.GridBuildings.Add(new GridBuilding { Id = Guid.CreateVersion7(), GridId = id, BuildingId = buildingId, From = now });
        var buildings = await db.GridBuildings.Where(b => b.GridId == id && b.Until == null).Select(b => b.BuildingId).ToListAsync(cancellationToken);
        db.AddEvent(new GridBuildingsChanged(id, [.. buildings, buildingId], now), now);
        if (await SaveAsync(db, cancellationToken) is { } conflict)
        {
            return TypedResults.Conflict(conflict);
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await DtoAsync(db, id, cancellationToken) ?? throw new InvalidOperationException("The grid vanished."));
    }

    internal static async Task<Results<NoContent, NotFound<ProblemDetails>>> RemoveBuildingAsync(
        Guid id, Guid buildingId, GridDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockGridAsync(db, id, cancellationToken);
        var current = await db.GridBuildings.FirstOrDefaultAsync(b => b.GridId == id && b.BuildingId == buildingId && b.Until == null, cancellationToken);
        if (current is null)
        {
            return TypedResults.NotFound(Problems.NotFound("Not in this grid.", $"Building {buildingId} is not in grid {id}."));
        }

        var now = time.GetUtcNow();
        current.Until = now;
        var remaining = await db.GridBuildings.Where(b => b.GridId == id && b.Until == null && b.BuildingId != buildingId).Select(b => b.BuildingId).ToListAsync(cancellationToken);
        db.AddEvent(new GridBuildingsChanged(id, remaining, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Holds the grid's row until the transaction ends; false when there is no such grid. A change to a grid's buildings
    /// announces the whole set after it (<see cref="GridBuildingsChanged"/>, which other services take as the grid's
    /// latest map): two changes read the set one after the other, so neither announces a set without the other's
    /// building, and the later one carries the later time.
    /// </summary>
    private static async Task<bool> LockGridAsync(GridDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Grids.LockedAsync(g => g.Id, id, cancellationToken) is not null;

    internal static async Task<Results<Created<TeamMemberDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> AppointAsync(
        Guid id, AppointRequest request, GridDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.VolunteerId is null)
        {
            errors.Add("volunteerId", "is required.");
        }

        errors.OneOf("role", request.Role, TeamRoles.All);

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!await db.Grids.AnyAsync(g => g.Id == id, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such grid.", $"There is no grid {id}."));
        }

        var volunteer = await db.KnownVolunteers.AsNoTracking().FirstOrDefaultAsync(v => v.VolunteerId == request.VolunteerId, cancellationToken);
        if (volunteer is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such volunteer.",
                $"Volunteer {request.VolunteerId} is not known here yet: register them with the Volunteers service first."));
        }

        var now = time.GetUtcNow();
        var member = new TeamMember { Id = Guid.CreateVersion7(), GridId = id, VolunteerId = volunteer.VolunteerId, Role = request.Role!, From = now };
        db.TeamMembers.Add(member);
        db.AddEvent(new GridTeamChanged(id, member.VolunteerId, member.Role, "joined", now), now);
        if (await db.TrySaveChangesAsync(cancellationToken) is { } violation)
        {
            return TypedResults.Conflict(violation.Constraint == "ux_team_members_single_roles"
                ? Problems.Conflict("The role is taken.", $"The team already has a {member.Role}; end their role first.", GridProblems.RoleTaken)
                : Problems.Conflict("Already in the team.", "The volunteer already holds a role in this team.", ProblemTypes.Duplicate));
        }

        return TypedResults.Created($"/grids/{id}/team/{member.Id}", ToDto(member, volunteer.DisplayName));
    }

    internal static async Task<Results<Ok<TeamMemberDto>, ValidationProblem, NotFound<ProblemDetails>>> EndRoleAsync(
        Guid id, Guid memberId, EndRoleRequest request, GridDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("reason", request.Reason, 200);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var member = await db.TeamMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.GridId == id && m.Until == null, cancellationToken);
        if (member is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such team role.", $"Grid {id} has no current team role {memberId}."));
        }

        var now = time.GetUtcNow();
        member.Until = now;
        member.EndReason = request.Reason!.Trim();
        db.AddEvent(new GridTeamChanged(id, member.VolunteerId, member.Role, "left", now), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToDto(member, null));
    }

    internal static async Task<Results<Ok<IReadOnlyList<TeamMemberDto>>, NotFound<ProblemDetails>, ForbidHttpResult>> HistoryAsync(
        Guid id, ClaimsPrincipal caller, GridDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Grids.AnyAsync(g => g.Id == id, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such grid.", $"There is no grid {id}."));
        }

        if (!await db.MayWorkOnAsync(caller, id, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        return TypedResults.Ok(await TeamAsync(db, id, currentOnly: false, cancellationToken));
    }

    private static async Task<IReadOnlyList<TeamMemberDto>> TeamAsync(GridDbContext db, Guid gridId, bool currentOnly, CancellationToken cancellationToken)
    {
        var rows = await db.TeamMembers.AsNoTracking().Where(m => m.GridId == gridId && (!currentOnly || m.Until == null))
            .GroupJoin(db.KnownVolunteers.AsNoTracking(), m => m.VolunteerId, v => v.VolunteerId, (m, v) => new { Member = m, Volunteers = v })
            .SelectMany(x => x.Volunteers.DefaultIfEmpty(), (x, v) => new { x.Member, Name = v == null ? null : v.DisplayName })
            .OrderBy(x => x.Member.From).ToListAsync(cancellationToken);
        return rows.Select(x => ToDto(x.Member, x.Name)).ToList();
    }

    private static bool IsComplete(IEnumerable<TeamMemberDto> team) => TeamRoles.Single.All(role => team.Any(m => m.Role == role && m.Until is null));

    private static TeamMemberDto ToDto(TeamMember m, string? name) => new(m.Id, m.VolunteerId, name, m.Role, m.From, m.Until, m.EndReason);

    /// <summary>Saves; a building already in another grid (the partial unique index) comes back as the 409 to answer.</summary>
    private static async Task<ProblemDetails?> SaveAsync(GridDbContext db, CancellationToken cancellationToken) =>
        await db.TrySaveChangesAsync(cancellationToken) switch
        {
            null => null,
            { Constraint: "ux_grid_buildings_current" } => Problems.Conflict(
                "The building is in another grid.", "A building belongs to at most one grid at a time; remove it from its grid first.", GridProblems.BuildingTaken),
            _ => Problems.Conflict("A grid with this name exists.", "Grid names are unique.", ProblemTypes.Duplicate),
        };
}
