using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Grids;

/// <summary>
/// "Is this my grid?", asked once for every grid, building, household or request: staff and admin work every
/// grid; a grid worker only the grids whose current team they are in (by the volunteer record linked to their account).
/// </summary>
public static class GridAccess
{
    public static async Task<WorkingGrids> WorkingGridsAsync(this GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (caller.IsStaff())
        {
            return WorkingGrids.Every;
        }

        if (!caller.IsInRole(Roles.GridWorker) || !Guid.TryParse(caller.Subject(), out var account))
        {
            return new WorkingGrids(false, []);
        }

        var teams = await db.TeamMembers.AsNoTracking()
            .Where(m => m.Until == null && db.VolunteerAccounts.Any(l => l.AccountId == account && l.VolunteerId == m.VolunteerId))
            .Select(m => m.GridId).Distinct().ToListAsync(cancellationToken);
        return new WorkingGrids(false, teams);
    }

    /// <summary>Whether the caller may work on something in <paramref name="gridId"/> (null: not in any grid, staff only).</summary>
    public static async Task<bool> MayWorkOnAsync(this GridDbContext db, ClaimsPrincipal caller, Guid? gridId, CancellationToken cancellationToken) =>
        (await db.WorkingGridsAsync(caller, cancellationToken)).Includes(gridId);

    /// <summary>Whether the caller may work on something in the building (on its households and residents): the building's current grid decides.</summary>
    public static async Task<bool> MayWorkOnBuildingAsync(this GridDbContext db, ClaimsPrincipal caller, Guid buildingId, CancellationToken cancellationToken) =>
        caller.IsStaff() || await db.MayWorkOnAsync(caller, await db.GridOfBuildingAsync(buildingId, cancellationToken), cancellationToken);

    public static Task<Guid?> GridOfBuildingAsync(this GridDbContext db, Guid buildingId, CancellationToken cancellationToken) =>
        db.GridBuildings.Where(g => g.BuildingId == buildingId && g.Until == null).Select(g => (Guid?)g.GridId).FirstOrDefaultAsync(cancellationToken);
}
