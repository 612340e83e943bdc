using Community.Contracts;
using Community.Messaging.Inbox;
using Community.ServiceDefaults.Auth;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Live;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.Shifts;

/// <summary>Remembers which session a volunteer request is for, so a moved session reaches its volunteers.</summary>
public sealed class VolunteersRequestedConsumer(NoticesDbContext db, TimeProvider time, ILogger<VolunteersRequestedConsumer> logger)
    : IdempotentConsumer<VolunteersRequested, NoticesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteersRequested message, ConsumeContext<VolunteersRequested> context)
    {
        if (message.SessionId != Guid.Empty && !await Db.SessionVolunteerRequests.AnyAsync(r => r.RequestId == message.RequestId, context.CancellationToken))
        {
            Db.SessionVolunteerRequests.Add(new SessionVolunteerRequest { RequestId = message.RequestId, SessionId = message.SessionId });
        }
    }
}

/// <summary>
/// A volunteer was put on a shift: tracked, and told in the app. Taken in batches: a popular shift fills with fifty
/// sign-ups in a second, and one transaction with three reads tells them all.
/// </summary>
public sealed class VolunteerAssignedConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<VolunteerAssignedConsumer> logger)
    : IdempotentBatchConsumer<VolunteerAssigned, NoticesDbContext>(db, time, logger)
{
    private NoticeWriter Writer { get; } = writer;

    protected override void AfterCommit(IReadOnlyList<VolunteerAssigned> applied) => signal.Wake();

    protected override async Task HandleAsync(IReadOnlyList<VolunteerAssigned> messages, CancellationToken cancellationToken)
    {
        var assignmentIds = messages.Select(m => m.AssignmentId).Distinct().ToList();
        // A withdrawal got here first, or a copy of the same assignment under another message id: nothing to tell.
        var tracked = (await Db.Assignments.AsNoTracking().Where(a => assignmentIds.Contains(a.AssignmentId))
            .Select(a => a.AssignmentId).ToListAsync(cancellationToken)).ToHashSet();
        var volunteerIds = messages.Select(m => m.VolunteerId).Distinct().ToList();
        var accounts = (await Db.VolunteerAccounts.AsNoTracking().Where(l => volunteerIds.Contains(l.VolunteerId) && l.AccountId != null)
            .Select(l => new { l.VolunteerId, AccountId = l.AccountId!.Value }).ToListAsync(cancellationToken))
            .DistinctBy(l => l.VolunteerId).ToDictionary(l => l.VolunteerId, l => l.AccountId);

        var told = new List<(Guid Account, NoticeDraft Draft)>();
        foreach (var message in messages.Where(m => tracked.Add(m.AssignmentId)))
        {
            Db.Assignments.Add(new TrackedAssignment { AssignmentId = message.AssignmentId, VolunteerId = message.VolunteerId, RequestId = message.RequestId, Active = true });
            if (accounts.TryGetValue(message.VolunteerId, out var account))
            {
                told.Add((account, new NoticeDraft(NoticeKinds.ShiftAssigned, message.AssignmentId.ToString(), [], "/volunteer")));
            }
        }

        await Writer.PreloadAccountKeysAsync(told, cancellationToken);
        foreach (var (account, draft) in told)
        {
            await Writer.ToAccountAsync(account, draft, null, cancellationToken);
        }
    }
}

public sealed class VolunteerWithdrawnConsumer(NoticesDbContext db, TimeProvider time, ILogger<VolunteerWithdrawnConsumer> logger)
    : IdempotentConsumer<VolunteerWithdrawn, NoticesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteerWithdrawn message, ConsumeContext<VolunteerWithdrawn> context)
    {
        var assignment = await Db.Assignments.FirstOrDefaultAsync(a => a.AssignmentId == message.AssignmentId, context.CancellationToken);
        if (assignment is null)
        {
            Db.Assignments.Add(new TrackedAssignment { AssignmentId = message.AssignmentId, VolunteerId = message.VolunteerId, RequestId = message.RequestId });
        }
        else
        {
            assignment.Active = false;
        }
    }
}

/// <summary>A shift was cancelled: every volunteer who was on it is told, urgently.</summary>
public sealed class ShiftCancelledConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<ShiftCancelledConsumer> logger)
    : NoticeConsumer<ShiftCancelled>(db, writer, signal, time, logger)
{
    protected override async Task HandleAsync(ShiftCancelled message, ConsumeContext<ShiftCancelled> context)
    {
        var ct = context.CancellationToken;
        var accounts = await Db.VolunteerAccounts.AsNoTracking().Where(l => message.VolunteerIds.Contains(l.VolunteerId) && l.AccountId != null)
            .Select(l => l.AccountId!.Value).Distinct().ToListAsync(ct);
        foreach (var account in accounts)
        {
            await Writer.ToAccountAsync(account, new NoticeDraft(NoticeKinds.ShiftCancelled, message.ShiftId.ToString(), [], "/volunteer"), null, ct);
        }
    }
}

/// <summary>A shift is short of volunteers: station staff's shared inbox.</summary>
public sealed class ShiftUnderstaffedConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<ShiftUnderstaffedConsumer> logger)
    : NoticeConsumer<ShiftUnderstaffed>(db, writer, signal, time, logger)
{
    protected override async Task HandleAsync(ShiftUnderstaffed message, ConsumeContext<ShiftUnderstaffed> context) =>
        await Writer.ToRoleAsync(Roles.StationStaff, new NoticeDraft(NoticeKinds.ShiftUnderstaffed, $"{message.ShiftId}:{message.HoursBefore}",
            [NoticeTexts.When(message.StartsAt), message.Assigned, message.MinVolunteers]), context.CancellationToken);
}

/// <summary>Children on a shift outnumber what its remaining adult supervisors may look after: station staff arrange it.</summary>
public sealed class ShiftSupervisionShortConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<ShiftSupervisionShortConsumer> logger)
    : NoticeConsumer<ShiftSupervisionShort>(db, writer, signal, time, logger)
{
    protected override async Task HandleAsync(ShiftSupervisionShort message, ConsumeContext<ShiftSupervisionShort> context) =>
        await Writer.ToRoleAsync(Roles.StationStaff, new NoticeDraft(NoticeKinds.SupervisionShort, $"{message.ShiftId}:{message.RaisedAt:O}",
            [NoticeTexts.When(message.StartsAt), message.Children, message.Supervisors], "/volunteer"), context.CancellationToken);
}

/// <summary>
/// A guardian withdrew consent and the child left shifts: the adults supervising each shift are told, and station
/// staff (who arrange the shift). The child is not named.
/// </summary>
public sealed class GuardianConsentWithdrawnConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<GuardianConsentWithdrawnConsumer> logger)
    : NoticeConsumer<GuardianConsentWithdrawn>(db, writer, signal, time, logger)
{
    protected override async Task HandleAsync(GuardianConsentWithdrawn message, ConsumeContext<GuardianConsentWithdrawn> context)
    {
        var ct = context.CancellationToken;
        foreach (var shift in message.Shifts)
        {
            var draft = new NoticeDraft(NoticeKinds.ConsentWithdrawn, $"{message.ConsentId}:{shift.ShiftId}", [NoticeTexts.When(shift.StartsAt)], "/volunteer");
            var supervisors = await Db.VolunteerAccounts.AsNoTracking().Where(l => shift.SupervisorVolunteerIds.Contains(l.VolunteerId) && l.AccountId != null)
                .Select(l => l.AccountId!.Value).Distinct().ToListAsync(ct);
            foreach (var account in supervisors)
            {
                await Writer.ToAccountAsync(account, draft, null, ct);
            }

            await Writer.ToRoleAsync(Roles.StationStaff, draft, ct);
        }
    }
}
