using Community.Services.Activities.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Staffing;

/// <summary>Keeps Activities' copy of the Volunteers service's assignments, for our sessions' roles only.</summary>
public static class StaffAssignmentCopies
{
    /// <summary>
    /// The copy of an assignment to one of our roles, added when this is the first we hear of it (a withdrawal may
    /// overtake its assignment); null when the role is not ours (assignments for other services' requests).
    /// </summary>
    public static async Task<StaffAssignment?> FindOrAddAsync(ActivitiesDbContext db, Guid roleId, Guid assignmentId, Guid volunteerId,
        DateTimeOffset assignedAt, CancellationToken cancellationToken)
    {
        if (!await db.VolunteerRoles.AnyAsync(r => r.Id == roleId, cancellationToken))
        {
            return null;
        }

        var assignment = await db.StaffAssignments.FirstOrDefaultAsync(a => a.AssignmentId == assignmentId, cancellationToken);
        if (assignment is null)
        {
            assignment = new StaffAssignment { AssignmentId = assignmentId, RoleId = roleId, VolunteerId = volunteerId, AssignedAt = assignedAt };
            db.StaffAssignments.Add(assignment);
        }

        return assignment;
    }
}
