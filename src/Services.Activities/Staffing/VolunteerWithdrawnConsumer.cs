using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Activities.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Staffing;

/// <summary>Marks an assignment withdrawn; a withdrawal that overtook its assignment is kept, so order does not matter.</summary>
public sealed class VolunteerWithdrawnConsumer(ActivitiesDbContext db, TimeProvider time, ILogger<VolunteerWithdrawnConsumer> logger)
    : IdempotentConsumer<VolunteerWithdrawn, ActivitiesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteerWithdrawn message, ConsumeContext<VolunteerWithdrawn> context)
    {
        if (!await Db.VolunteerRoles.AnyAsync(r => r.Id == message.RequestId, context.CancellationToken))
        {
            return;
        }

        var assignment = await Db.StaffAssignments.FirstOrDefaultAsync(a => a.AssignmentId == message.AssignmentId, context.CancellationToken);
        if (assignment is null)
        {
            assignment = new StaffAssignment
            {
                AssignmentId = message.AssignmentId,
                RoleId = message.RequestId,
                VolunteerId = message.VolunteerId,
                AssignedAt = message.WithdrawnAt,
            };
            Db.StaffAssignments.Add(assignment);
        }

        assignment.WithdrawnAt = message.WithdrawnAt;
    }
}
