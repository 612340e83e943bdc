using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Activities.Data;
using MassTransit;

namespace Community.Services.Activities.Staffing;

/// <summary>Records a volunteer assigned to one of our sessions' roles. Assignments for other services' requests are not ours.</summary>
public sealed class VolunteerAssignedConsumer(ActivitiesDbContext db, TimeProvider time, ILogger<VolunteerAssignedConsumer> logger)
    : IdempotentConsumer<VolunteerAssigned, ActivitiesDbContext>(db, time, logger)
{
    protected override Task HandleAsync(VolunteerAssigned message, ConsumeContext<VolunteerAssigned> context) =>
        StaffAssignmentCopies.FindOrAddAsync(Db, message.RequestId, message.AssignmentId, message.VolunteerId, message.AssignedAt, context.CancellationToken);
}
