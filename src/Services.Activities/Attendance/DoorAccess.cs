using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.Services.Activities.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Attendance;

/// <summary>
/// "May this caller work this session's door?": staff at any session; a volunteer only at a session they are
/// assigned to (not withdrawn) — check-in shows participants' names. The volunteer is found by the account the
/// registry linked to their record (<c>VolunteerAccountLinked</c>), never by assuming the token names a volunteer id.
/// </summary>
public static class DoorAccess
{
    public static async Task<bool> MayWorkTheDoorAsync(this ActivitiesDbContext db, Guid sessionId, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (caller.IsStaff())
        {
            return true;
        }

        if (!caller.IsInRole(Roles.Volunteer) || !Guid.TryParse(caller.Subject(), out var account))
        {
            return false;
        }

        return await db.StaffAssignments.AnyAsync(a => a.WithdrawnAt == null &&
            db.VolunteerAccounts.Any(l => l.AccountId == account && l.VolunteerId == a.VolunteerId) &&
            db.VolunteerRoles.Any(r => r.Id == a.RoleId && r.SessionId == sessionId), cancellationToken);
    }
}
