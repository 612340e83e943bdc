using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Activities.Data;
using MassTransit;

namespace Community.Services.Activities.Staffing;

/// <summary>Marks an assignment withdrawn; a withdrawal that overtook its assignment is kept, so order does not matter.</summary>
public sealed class VolunteerWithdrawnConsumer(ActivitiesDbContext db, TimeProvider time, ILogger<VolunteerWithdrawnConsumer> logger)
    : IdempotentConsumer<VolunteerWithdrawn, ActivitiesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteerWithdrawn message, ConsumeContext<VolunteerWithdrawn> context)
    {
        if (await StaffAssignmentCopies.FindOrAddAsync(Db, message.RequestId, message.AssignmentId, message.VolunteerId, message.WithdrawnAt,
                context.CancellationToken) is { } assignment)
        {
            assignment.WithdrawnAt = message.WithdrawnAt;
        }
    }
}
