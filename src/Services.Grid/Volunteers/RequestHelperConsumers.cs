using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Grid.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Volunteers;

/// <summary>
/// Learns who took up a team's call for help, so the request shows its helpers. Assignments for other services'
/// needs (a session's roles, a staff shift) are not ours and are skipped; a withdrawal may overtake its assignment
/// (separate queues), so either message may create the row.
/// </summary>
public static class RequestHelpers
{
    public static async Task<RequestHelper?> FindOrAddAsync(GridDbContext db, Guid helpId, Guid assignmentId, Guid volunteerId, CancellationToken cancellationToken)
    {
        if (!await db.RequestHelp.AnyAsync(h => h.Id == helpId, cancellationToken))
        {
            return null;
        }

        var helper = await db.RequestHelpers.FirstOrDefaultAsync(h => h.AssignmentId == assignmentId, cancellationToken);
        return helper ?? db.RequestHelpers.Add(new RequestHelper { AssignmentId = assignmentId, HelpId = helpId, VolunteerId = volunteerId }).Entity;
    }
}

public sealed class HelperAssignedConsumer(GridDbContext db, TimeProvider time, ILogger<HelperAssignedConsumer> logger)
    : IdempotentConsumer<VolunteerAssigned, GridDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteerAssigned message, ConsumeContext<VolunteerAssigned> context)
    {
        if (await RequestHelpers.FindOrAddAsync(Db, message.RequestId, message.AssignmentId, message.VolunteerId, context.CancellationToken) is { } helper)
        {
            helper.AssignedAt = message.AssignedAt;
        }
    }
}

public sealed class HelperWithdrawnConsumer(GridDbContext db, TimeProvider time, ILogger<HelperWithdrawnConsumer> logger)
    : IdempotentConsumer<VolunteerWithdrawn, GridDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteerWithdrawn message, ConsumeContext<VolunteerWithdrawn> context)
    {
        if (await RequestHelpers.FindOrAddAsync(Db, message.RequestId, message.AssignmentId, message.VolunteerId, context.CancellationToken) is { } helper)
        {
            helper.WithdrawnAt = message.WithdrawnAt;
        }
    }
}
