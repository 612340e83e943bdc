using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Grids;

/// <summary>
/// Object-level access: staff and admin work every grid; a grid worker only the grids whose current team they
/// are in (their token subject is their volunteer id).
/// </summary>
public static class GridAccess
{
    public static async Task<IReadOnlyList<Guid>> TeamGridsAsync(this GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!caller.IsInRole(Roles.GridWorker) || !Guid.TryParse(caller.Subject(), out var volunteerId))
        {
            return [];
        }

        return await db.TeamMembers.AsNoTracking().Where(m => m.VolunteerId == volunteerId && m.Until == null)
            .Select(m => m.GridId).Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>Whether the caller may work on something in <paramref name="gridId"/> (null: not in any grid, staff only).</summary>
    public static async Task<bool> MayWorkOnAsync(this GridDbContext db, ClaimsPrincipal caller, Guid? gridId, CancellationToken cancellationToken) =>
        caller.IsStaff() || (gridId is { } id && (await db.TeamGridsAsync(caller, cancellationToken)).Contains(id));

    public static Task<Guid?> GridOfBuildingAsync(this GridDbContext db, Guid buildingId, CancellationToken cancellationToken) =>
        db.GridBuildings.Where(g => g.BuildingId == buildingId && g.Until == null).Select(g => (Guid?)g.GridId).FirstOrDefaultAsync(cancellationToken);
}
