using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Activities.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Staffing;

/// <summary>Records a volunteer assigned to one of our sessions' roles. Assignments for other services' requests are not ours.</summary>
public sealed class VolunteerAssignedConsumer(ActivitiesDbContext db, TimeProvider time, ILogger<VolunteerAssignedConsumer> logger)
    : IdempotentConsumer<VolunteerAssigned, ActivitiesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteerAssigned message, ConsumeContext<VolunteerAssigned> context)
    {
        if (!await Db.VolunteerRoles.AnyAsync(r => r.Id == message.RequestId, context.CancellationToken))
        {
            return;
        }

        var assignment = await Db.StaffAssignments.FirstOrDefaultAsync(a => a.AssignmentId == message.AssignmentId, context.CancellationToken);
        if (assignment is null)
        {
            Db.StaffAssignments.Add(new StaffAssignment
            {
                AssignmentId = message.AssignmentId,
                RoleId = message.RequestId,
                VolunteerId = message.VolunteerId,
                AssignedAt = message.AssignedAt,
            });
        }
    }
}
