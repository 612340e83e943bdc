using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Activities.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Staffing;

/// <summary>
/// Records a volunteer assigned to one of our sessions' roles. Assignments for other services' requests are not ours:
/// most of them are (a grid team's call, a popular shift filling in a second), so they are taken in batches and one
/// read picks out ours.
/// </summary>
public sealed class VolunteerAssignedConsumer(ActivitiesDbContext db, TimeProvider time, ILogger<VolunteerAssignedConsumer> logger)
    : IdempotentBatchConsumer<VolunteerAssigned, ActivitiesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<VolunteerAssigned> messages, CancellationToken cancellationToken)
    {
        var roleIds = messages.Select(m => m.RequestId).Distinct().ToList();
        var ours = (await Db.VolunteerRoles.Where(r => roleIds.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet();
        // A copy of an assignment under another message id, in the same batch, is the same assignment.
        foreach (var message in messages.Where(m => ours.Contains(m.RequestId)).DistinctBy(m => m.AssignmentId))
        {
            await StaffAssignmentCopies.FindOrAddAsync(Db, message.RequestId, message.AssignmentId, message.VolunteerId, message.AssignedAt, cancellationToken);
        }
    }
}
