using Community.ServiceDefaults.Auth;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Teams;

/// <summary>Who may act on a team: read its members, or manage it (add and take off members, sign it up for a shift).</summary>
public static class TeamAccess
{
    /// <summary>Staff, grid workers, and the team's members and their guardians see who is in it.</summary>
    public static bool MayRead(VolunteerCaller caller, IEnumerable<Volunteer> members) =>
        caller.Principal.IsStaffOrGridWorker() || members.Any(member => VolunteerAccess.Allows(caller, member));

    /// <summary>Staff, grid workers, and the team's current leaders (by the record linked to their account) manage it.</summary>
    public static async Task<bool> MayManageAsync(VolunteersDbContext db, Guid teamId, VolunteerCaller caller, CancellationToken cancellationToken) =>
        caller.Principal.IsStaffOrGridWorker() ||
        (caller.VolunteerId is { } me && await db.TeamMemberships.AnyAsync(
            m => m.TeamId == teamId && m.VolunteerId == me && m.Role == TeamRoles.Leader && m.LeftAt == null, cancellationToken));
}
