using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.Services.Notices.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.People;

/// <summary>Which grids a caller works: the grids whose team holds the volunteer record linked to their account.</summary>
public static class GridWork
{
    public static async Task<IReadOnlyList<Guid>> GridsOfAsync(this NoticesDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!caller.IsInRole(Roles.GridWorker) || !Guid.TryParse(caller.Subject(), out var account))
        {
            return [];
        }

        return await db.GridTeamMembers
            .Where(m => m.Active && db.VolunteerAccounts.Any(l => l.AccountId == account && l.VolunteerId == m.VolunteerId))
            .Select(m => m.GridId).Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>The grid a resident's building is in, when both are known.</summary>
    public static Task<Guid?> GridOfResidentAsync(this NoticesDbContext db, KnownResident resident, CancellationToken cancellationToken) =>
        db.BuildingGrids.Where(b => b.BuildingId == resident.BuildingId).Select(b => b.GridId).FirstOrDefaultAsync(cancellationToken);
}
