using Community.Services.Activities.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Staffing;

/// <summary>An assignment the Volunteers service announced: to a role of ours, or to someone else's request.</summary>
public sealed record AnnouncedAssignment(Guid RoleId, Guid AssignmentId, Guid VolunteerId, DateTimeOffset AssignedAt);

/// <summary>Keeps Activities' copy of the Volunteers service's assignments, for our sessions' roles only.</summary>
public static class StaffAssignmentCopies
{
    /// <summary>
    /// The copy of an assignment to one of our roles, added when this is the first we hear of it (a withdrawal may
    /// overtake its assignment); null when the role is not ours (assignments for other services' requests).
    /// </summary>
    public static async Task<StaffAssignment?> FindOrAddAsync(ActivitiesDbContext db, Guid roleId, Guid assignmentId, Guid volunteerId,
        DateTimeOffset assignedAt, CancellationToken cancellationToken) =>
        (await FindOrAddAllAsync(db, [new AnnouncedAssignment(roleId, assignmentId, volunteerId, assignedAt)], cancellationToken)).GetValueOrDefault(assignmentId);

    /// <summary>
    /// <see cref="FindOrAddAsync"/> for many (a batch of sign-ups, most of them for other services' requests) in two
    /// reads: which roles are ours, and which of their assignments are copied already. Keyed by assignment id.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, StaffAssignment>> FindOrAddAllAsync(ActivitiesDbContext db,
        IReadOnlyCollection<AnnouncedAssignment> announced, CancellationToken cancellationToken)
    {
        var roleIds = announced.Select(a => a.RoleId).Distinct().ToList();
        var ours = (await db.VolunteerRoles.Where(r => roleIds.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet();
        // A copy of an assignment under another message id is the same assignment.
        var wanted = announced.Where(a => ours.Contains(a.RoleId)).DistinctBy(a => a.AssignmentId).ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<Guid, StaffAssignment>();
        }

        var ids = wanted.Select(a => a.AssignmentId).ToList();
        var copies = await db.StaffAssignments.Where(a => ids.Contains(a.AssignmentId)).ToDictionaryAsync(a => a.AssignmentId, cancellationToken);
        foreach (var a in wanted.Where(a => !copies.ContainsKey(a.AssignmentId)))
        {
            copies[a.AssignmentId] = db.StaffAssignments.Add(new StaffAssignment
            {
                AssignmentId = a.AssignmentId, RoleId = a.RoleId, VolunteerId = a.VolunteerId, AssignedAt = a.AssignedAt,
            }).Entity;
        }

        return copies;
    }
}
