using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Teams;

/// <summary>Who may act on a team: read its members, or manage it (add and take off members, sign it up for a shift).</summary>
public static class TeamAccess
{
    /// <summary>Staff, grid workers, and the team's members and their guardians see who is in it.</summary>
    public static bool MayRead(ClaimsPrincipal caller, IEnumerable<Volunteer> members) =>
        caller.IsStaffOrGridWorker() || members.Any(member => VolunteerAccess.Allows(caller, member));

    /// <summary>Staff, grid workers, and the team's current leaders manage it.</summary>
    public static async Task<bool> MayManageAsync(VolunteersDbContext db, Guid teamId, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        caller.IsStaffOrGridWorker() || await IsLeaderAsync(db, teamId, caller, cancellationToken);

    private static Task<bool> IsLeaderAsync(VolunteersDbContext db, Guid teamId, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var subject = Guid.TryParse(caller.Subject(), out var s) ? s : Guid.Empty;
        return db.TeamMemberships.AnyAsync(m => m.TeamId == teamId && m.VolunteerId == subject && m.Role == TeamRoles.Leader && m.LeftAt == null, cancellationToken);
    }
}
