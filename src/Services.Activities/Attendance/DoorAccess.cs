using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.Services.Activities.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Attendance;

/// <summary>
/// "May this caller work this session's door?": staff at any session; a volunteer only at a session they are
/// assigned to (not withdrawn) — check-in shows participants' names. Until accounts are linked to volunteer
/// records, a volunteer's token subject is their volunteer id.
/// </summary>
public static class DoorAccess
{
    public static async Task<bool> MayWorkTheDoorAsync(this ActivitiesDbContext db, Guid sessionId, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (caller.IsStaff())
        {
            return true;
        }

        if (!caller.IsInRole(Roles.Volunteer) || !Guid.TryParse(caller.Subject(), out var volunteerId))
        {
            return false;
        }

        return await db.StaffAssignments.AnyAsync(a => a.VolunteerId == volunteerId && a.WithdrawnAt == null &&
            db.VolunteerRoles.Any(r => r.Id == a.RoleId && r.SessionId == sessionId), cancellationToken);
    }
}
