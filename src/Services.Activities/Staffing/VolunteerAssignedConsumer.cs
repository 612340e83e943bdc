using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Activities.Data;

namespace Community.Services.Activities.Staffing;

/// <summary>
/// Records a volunteer assigned to one of our sessions' roles. Assignments for other services' requests are not ours:
/// most of them are (a grid team's call, a popular shift filling in a second), so they are taken in batches and one
/// read picks out ours.
/// </summary>
public sealed class VolunteerAssignedConsumer(ActivitiesDbContext db, TimeProvider time, ILogger<VolunteerAssignedConsumer> logger)
    : IdempotentBatchConsumer<VolunteerAssigned, ActivitiesDbContext>(db, time, logger)
{
    protected override Task HandleAsync(IReadOnlyList<VolunteerAssigned> messages, CancellationToken cancellationToken) =>
        StaffAssignmentCopies.FindOrAddAllAsync(Db,
            [.. messages.Select(m => new AnnouncedAssignment(m.RequestId, m.AssignmentId, m.VolunteerId, m.AssignedAt))], cancellationToken);
}
