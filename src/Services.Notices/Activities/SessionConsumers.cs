using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Persistence;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Live;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.Activities;

/// <summary>Keeps <see cref="TrackedSession"/>: what notices call a session and when it starts.</summary>
public sealed class SessionScheduledConsumer(NoticesDbContext db, TimeProvider time, ILogger<SessionScheduledConsumer> logger)
    : IdempotentConsumer<SessionScheduled, NoticesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(SessionScheduled message, ConsumeContext<SessionScheduled> context)
    {
        if (message.SessionId == Guid.Empty)
        {
            throw new InvalidMessageException("SessionScheduled needs a session.");
        }

        if (await Db.Sessions.AnyAsync(s => s.SessionId == message.SessionId, context.CancellationToken))
        {
            return; // a move or a cancellation got here first and is newer
        }

        var title = string.IsNullOrWhiteSpace(message.Title) ? message.Category : message.Title;
        Db.Sessions.Add(new TrackedSession
        {
            SessionId = message.SessionId, Title = title.Length > 100 ? title[..100] : title,
            StartsAt = message.StartsAt, EndsAt = message.EndsAt, ChangedAt = context.SentTime is { } sent ? new DateTimeOffset(sent, TimeSpan.Zero) : DateTimeOffset.MinValue,
        });
    }
}

/// <summary>
/// A session moved: everyone still registered (confirmed, offered or waiting) and every volunteer assigned to it is
/// told the new time — urgent, and on the call list for residents told by their grid team.
/// </summary>
public sealed class SessionMovedConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<SessionMovedConsumer> logger)
    : NoticeConsumer<SessionMoved>(db, writer, signal, time, logger)
{
    protected override async Task HandleAsync(SessionMoved message, ConsumeContext<SessionMoved> context)
    {
        var ct = context.CancellationToken;
        var session = await Db.Sessions.LockedAsync(s => s.SessionId, message.SessionId, ct);
        if (session is null)
        {
            session = Db.Sessions.Add(new TrackedSession { SessionId = message.SessionId, Title = SessionNames.Unknown }).Entity;
        }

        if (session.ChangedAt <= message.MovedAt)
        {
            session.StartsAt = message.StartsAt;
            session.EndsAt = message.EndsAt;
            session.ChangedAt = message.MovedAt;
        }

        var source = $"{message.SessionId}:{message.MovedAt.UtcTicks}";
        object[] args = [session.Title, NoticeTexts.When(message.StartsAt), NoticeTexts.When(message.OldStartsAt)];
        var registrations = await Db.Registrations.AsNoTracking()
            .Where(r => r.SessionId == message.SessionId && r.Status != TrackedStatus.Cancelled)
            .Select(r => new { r.ResidentId, r.AccountId }).ToListAsync(ct);
        var residentIds = registrations.Where(r => r.ResidentId is not null).Select(r => r.ResidentId!.Value).ToList();
        await Writer.PreloadAsync(residentIds, NoticeKinds.SessionMoved, Time.GetUtcNow().AddDays(-1), ct);
        foreach (var registration in registrations)
        {
            await Writer.ToPersonAsync(registration.ResidentId, registration.AccountId,
                new NoticeDraft(NoticeKinds.SessionMoved, source, args, "/my/registrations"), ct);
        }

        var volunteerAccounts = await Db.Assignments.AsNoTracking()
            .Where(a => a.Active && Db.SessionVolunteerRequests.Any(r => r.RequestId == a.RequestId && r.SessionId == message.SessionId))
            .Join(Db.VolunteerAccounts.Where(l => l.AccountId != null), a => a.VolunteerId, l => l.VolunteerId, (_, l) => l.AccountId!.Value)
            .Distinct().ToListAsync(ct);
        foreach (var account in volunteerAccounts)
        {
            await Writer.ToAccountAsync(account, new NoticeDraft(NoticeKinds.ShiftSessionMoved, source, args, "/volunteer"), null, ct);
        }
    }
}

/// <summary>
/// A session was cancelled: remembered so no reminder goes out, and everyone still registered is told at once, in this
/// one transaction, instead of as each registration's own cancellation arrives (two hundred of them queue behind each
/// other). Those messages still come and tell whoever this pass did not see; the notices carry the same keys, and both
/// take the session's row lock first, so they never write one key at once and each person is told once.
/// </summary>
public sealed class SessionCancelledConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<SessionCancelledConsumer> logger)
    : NoticeConsumer<SessionCancelled>(db, writer, signal, time, logger)
{
    protected override async Task HandleAsync(SessionCancelled message, ConsumeContext<SessionCancelled> context)
    {
        var ct = context.CancellationToken;
        await Db.LockSessionAsync(message.SessionId, ct);
        var session = await Db.Sessions.FirstOrDefaultAsync(s => s.SessionId == message.SessionId, ct);
        if (session is null)
        {
            session = Db.Sessions.Add(new TrackedSession { SessionId = message.SessionId, Title = SessionNames.Unknown }).Entity;
        }

        session.Cancelled = true;
        session.ChangedAt = message.CancelledAt;

        var registrations = await Db.Registrations.AsNoTracking()
            .Where(r => r.SessionId == message.SessionId && r.Status != TrackedStatus.Cancelled)
            .Select(r => new { r.RegistrationId, r.ResidentId, r.AccountId }).ToListAsync(ct);
        if (registrations.Count == 0)
        {
            return;
        }

        var (title, when) = await Db.NameAsync(message.SessionId, ct);
        object[] args = [title, when];
        var residentIds = registrations.Where(r => r.ResidentId is not null).Select(r => r.ResidentId!.Value).ToList();
        await Writer.PreloadAsync(residentIds, NoticeKinds.SessionCancelled, Time.GetUtcNow().AddDays(-1), ct);
        foreach (var registration in registrations)
        {
            // The key RegistrationCancelledConsumer uses for the same fact.
            await Writer.ToPersonAsync(registration.ResidentId, registration.AccountId,
                new NoticeDraft(NoticeKinds.SessionCancelled, registration.RegistrationId.ToString(), args, "/my/registrations"), ct);
        }
    }
}
