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

/// <summary>Taken in batches: most assignments are for other services' needs, and one read picks out ours.</summary>
public sealed class HelperAssignedConsumer(GridDbContext db, TimeProvider time, ILogger<HelperAssignedConsumer> logger)
    : IdempotentBatchConsumer<VolunteerAssigned, GridDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<VolunteerAssigned> messages, CancellationToken cancellationToken)
    {
        var helpIds = messages.Select(m => m.RequestId).Distinct().ToList();
        var ours = (await Db.RequestHelp.Where(h => helpIds.Contains(h.Id)).Select(h => h.Id).ToListAsync(cancellationToken)).ToHashSet();
        // A copy of an assignment under another message id, in the same batch, is the same assignment.
        foreach (var message in messages.Where(m => ours.Contains(m.RequestId)).DistinctBy(m => m.AssignmentId))
        {
            if (await RequestHelpers.FindOrAddAsync(Db, message.RequestId, message.AssignmentId, message.VolunteerId, cancellationToken) is { } helper)
            {
                helper.AssignedAt = message.AssignedAt;
            }
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
