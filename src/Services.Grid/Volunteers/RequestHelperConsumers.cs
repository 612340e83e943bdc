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
    public static async Task<RequestHelper?> FindOrAddAsync(GridDbContext db, Guid helpId, Guid assignmentId, Guid volunteerId, CancellationToken cancellationToken) =>
        (await FindOrAddAllAsync(db, [(helpId, assignmentId, volunteerId)], cancellationToken)).GetValueOrDefault(assignmentId);

    /// <summary>
    /// <see cref="FindOrAddAsync"/> for many (a batch of sign-ups, most for other services' needs) in two reads: which
    /// calls for help are ours, and which of their helpers are known already. Keyed by assignment id.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, RequestHelper>> FindOrAddAllAsync(GridDbContext db,
        IReadOnlyCollection<(Guid HelpId, Guid AssignmentId, Guid VolunteerId)> assignments, CancellationToken cancellationToken)
    {
        var helpIds = assignments.Select(a => a.HelpId).Distinct().ToList();
        var ours = (await db.RequestHelp.Where(h => helpIds.Contains(h.Id)).Select(h => h.Id).ToListAsync(cancellationToken)).ToHashSet();
        // A copy of an assignment under another message id is the same assignment.
        var wanted = assignments.Where(a => ours.Contains(a.HelpId)).DistinctBy(a => a.AssignmentId).ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<Guid, RequestHelper>();
        }

        var ids = wanted.Select(a => a.AssignmentId).ToList();
        var helpers = await db.RequestHelpers.Where(h => ids.Contains(h.AssignmentId)).ToDictionaryAsync(h => h.AssignmentId, cancellationToken);
        foreach (var (helpId, assignmentId, volunteerId) in wanted.Where(a => !helpers.ContainsKey(a.AssignmentId)))
        {
            helpers[assignmentId] = db.RequestHelpers.Add(new RequestHelper { AssignmentId = assignmentId, HelpId = helpId, VolunteerId = volunteerId }).Entity;
        }

        return helpers;
    }
}

/// <summary>Taken in batches: most assignments are for other services' needs, and one read picks out ours.</summary>
public sealed class HelperAssignedConsumer(GridDbContext db, TimeProvider time, ILogger<HelperAssignedConsumer> logger)
    : IdempotentBatchConsumer<VolunteerAssigned, GridDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<VolunteerAssigned> messages, CancellationToken cancellationToken)
    {
        var helpers = await RequestHelpers.FindOrAddAllAsync(Db, [.. messages.Select(m => (m.RequestId, m.AssignmentId, m.VolunteerId))], cancellationToken);
        foreach (var message in messages.Where(m => helpers.ContainsKey(m.AssignmentId)))
        {
            helpers[message.AssignmentId].AssignedAt = message.AssignedAt;
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
