using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Live;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.Activities;

/// <summary>
/// The base of the consumers that tell people about their registrations: keeps <see cref="TrackedRegistration"/> in
/// step (an older message never overwrites a newer state, and tells nobody) and wakes live delivery after commit.
/// </summary>
public abstract class RegistrationNoticeConsumer<TMessage>(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger logger)
    : NoticeConsumer<TMessage>(db, writer, signal, time, logger)
    where TMessage : class
{
    protected const string MyRegistrations = TrackedRegistrations.MyRegistrations;

    /// <summary>Records the registration's new state; null when the message is older than what is known (nobody is told).</summary>
    protected async Task<TrackedRegistration?> TrackAsync(
        Guid registrationId, Guid sessionId, Guid? residentId, Guid? accountId, string status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        TrackedRegistrations.Validate<TMessage>(registrationId, sessionId);
        var known = (await TrackedRegistrations.LockAsync(Db, [registrationId], cancellationToken)).GetValueOrDefault(registrationId);
        return TrackedRegistrations.Apply(Db, known, new RegistrationChange(registrationId, sessionId, residentId, accountId, status, at));
    }

    /// <summary>An offer answered or withdrawn: its call list entry, if nobody has called yet, is no longer needed.</summary>
    protected Task SettleOfferCallsAsync(Guid registrationId, CancellationToken cancellationToken) =>
        TrackedRegistrations.SettleOfferCallsAsync(Db, [registrationId], Time.GetUtcNow(), cancellationToken);
}

/// <summary>
/// A registration's state as a message tells it, and the rule that an older message never overwrites a newer state
/// (and tells nobody), shared by the consumers that take registrations one at a time and those that take them in batches.
/// </summary>
public sealed record RegistrationChange(Guid RegistrationId, Guid SessionId, Guid? ResidentId, Guid? AccountId, string Status, DateTimeOffset At);

public static class TrackedRegistrations
{
    /// <summary>Where a person follows their registrations in the app.</summary>
    public const string MyRegistrations = "/my/registrations";

    public static void Validate<TMessage>(Guid registrationId, Guid sessionId)
    {
        if (registrationId == Guid.Empty || sessionId == Guid.Empty)
        {
            throw new InvalidMessageException($"{typeof(TMessage).Name} needs a registration and a session.");
        }
    }

    /// <summary>
    /// The tracked registrations, locked until the transaction ends: another consumer (a cancellation, an offer) that
    /// changes one meanwhile waits, so "the latest change wins" is decided on what is really there. Locked in id order,
    /// so two batches wait for each other rather than deadlock. A registration not tracked yet has no row to lock: two
    /// first changes racing meet on its key, and the loser is retried.
    /// </summary>
    public static async Task<Dictionary<Guid, TrackedRegistration>> LockAsync(NoticesDbContext db, IReadOnlyCollection<Guid> registrationIds,
        CancellationToken cancellationToken)
    {
        var ids = registrationIds.Distinct().Order().ToArray();
        return await db.Registrations
            .FromSql($"SELECT * FROM tracked_registrations WHERE registration_id = ANY({ids}) ORDER BY registration_id FOR UPDATE")
            .ToDictionaryAsync(r => r.RegistrationId, cancellationToken);
    }

    /// <summary>Offers answered or withdrawn: their call list entries, if nobody has called yet, are no longer needed.</summary>
    /// <remarks>In SQL: as ExecuteUpdate over a list of ids EF compiles the statement anew for each batch, and this runs for every batch of a registration storm.</remarks>
    public static Task<int> SettleOfferCallsAsync(NoticesDbContext db, IReadOnlyCollection<Guid> registrationIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = registrationIds.ToArray();
        return db.Database.ExecuteSqlAsync($"""
            UPDATE call_list_entries SET status = {CallList.CallListStatus.Overtaken}, handled_at = {now}, handled_by_name = {"系统"}
            WHERE registration_id = ANY({ids}) AND kind = {NoticeKinds.OfferMade} AND status = {CallList.CallListStatus.Open}
            """, cancellationToken);
    }

    /// <summary>Records the change on <paramref name="known"/> (or a new row); null when the change is older than what is known.</summary>
    public static TrackedRegistration? Apply(NoticesDbContext db, TrackedRegistration? known, RegistrationChange change)
    {
        var registration = known;
        if (registration is null)
        {
            registration = db.Registrations.Add(new TrackedRegistration { RegistrationId = change.RegistrationId, SessionId = change.SessionId }).Entity;
        }
        else if (registration.ChangedAt > change.At)
        {
            return null;
        }

        registration.ResidentId = change.ResidentId ?? registration.ResidentId;
        registration.AccountId = change.AccountId ?? registration.AccountId;
        registration.Status = change.Status;
        registration.ChangedAt = change.At;
        return registration;
    }
}

/// <summary>
/// The registrations of a popular activity arrive in a storm when it opens (2,000 at 9:00): the consumers that confirm
/// them to people take them in batches of up to a hundred, in one transaction with a few reads for all of them (the
/// tracked registrations, the sessions' names, the people and their preferences) instead of a transaction of several
/// reads each. Each message is told exactly as one at a time would tell it.
/// </summary>
public abstract class RegistrationNoticeBatchConsumer<TMessage>(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger logger)
    : IdempotentBatchConsumer<TMessage, NoticesDbContext>(db, time, logger)
    where TMessage : class
{
    protected NoticeWriter Writer { get; } = writer;

    protected override void AfterCommit(IReadOnlyList<TMessage> applied) => signal.Wake();

    /// <summary>
    /// Records each change in message order; returns, for each, the registration to tell about it, or null when the
    /// change was older than what is known.
    /// </summary>
    protected async Task<IReadOnlyList<TrackedRegistration?>> TrackAllAsync(IReadOnlyList<RegistrationChange> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            TrackedRegistrations.Validate<TMessage>(change.RegistrationId, change.SessionId);
        }

        var known = await TrackedRegistrations.LockAsync(Db, [.. changes.Select(c => c.RegistrationId)], cancellationToken);
        var told = new List<TrackedRegistration?>(changes.Count);
        foreach (var change in changes)
        {
            var registration = TrackedRegistrations.Apply(Db, known.GetValueOrDefault(change.RegistrationId), change);
            if (registration is not null)
            {
                known[change.RegistrationId] = registration;
            }

            told.Add(registration);
        }

        await Writer.PreloadPeopleAsync([.. told.Select(r => r?.ResidentId).OfType<Guid>().Distinct()], cancellationToken);
        return told;
    }

    /// <summary>Tells each registration's person, asking the database once which of these notices are already written.</summary>
    protected async Task TellAllAsync(IReadOnlyList<(TrackedRegistration Registration, NoticeDraft Draft)> notices, CancellationToken cancellationToken)
    {
        await Writer.PreloadPersonKeysAsync([.. notices.Select(n => (n.Registration.ResidentId, n.Registration.AccountId, n.Draft))], cancellationToken);
        foreach (var (registration, draft) in notices)
        {
            await Writer.ToPersonAsync(registration.ResidentId, registration.AccountId, draft, cancellationToken);
        }
    }
}

public sealed class RegistrationConfirmedConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<RegistrationConfirmedConsumer> logger)
    : RegistrationNoticeBatchConsumer<RegistrationConfirmed>(db, writer, signal, time, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<RegistrationConfirmed> messages, CancellationToken cancellationToken)
    {
        var tracked = await TrackAllAsync([.. messages.Select(m => new RegistrationChange(m.RegistrationId, m.SessionId, m.ParticipantResidentId,
            m.RegistrantAccountId, TrackedStatus.Confirmed, m.ConfirmedAt))], cancellationToken);
        var told = messages.Zip(tracked).Where(t => t.Second is not null).Select(t => (Message: t.First, Registration: t.Second!)).ToList();
        foreach (var (_, registration) in told)
        {
            registration.OfferExpiresAt = null;
        }

        await TrackedRegistrations.SettleOfferCallsAsync(Db, [.. told.Select(t => t.Message.RegistrationId).Distinct()], Time.GetUtcNow(), cancellationToken);

        var names = await Db.NamesAsync([.. told.Select(t => t.Message.SessionId)], cancellationToken);
        await TellAllAsync([.. told.Select(t => (t.Registration, new NoticeDraft(NoticeKinds.RegistrationConfirmed, t.Message.RegistrationId.ToString(),
            [names[t.Message.SessionId].Title, names[t.Message.SessionId].When], TrackedRegistrations.MyRegistrations)))], cancellationToken);
    }
}

public sealed class RegistrationWaitlistedConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<RegistrationWaitlistedConsumer> logger)
    : RegistrationNoticeBatchConsumer<RegistrationWaitlisted>(db, writer, signal, time, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<RegistrationWaitlisted> messages, CancellationToken cancellationToken)
    {
        var tracked = await TrackAllAsync([.. messages.Select(m => new RegistrationChange(m.RegistrationId, m.SessionId, m.ParticipantResidentId,
            m.RegistrantAccountId, TrackedStatus.Waitlisted, m.WaitlistedAt))], cancellationToken);
        var told = messages.Zip(tracked).Where(t => t.Second is not null).Select(t => (Message: t.First, Registration: t.Second!)).ToList();
        var names = await Db.NamesAsync([.. told.Select(t => t.Message.SessionId)], cancellationToken);
        await TellAllAsync([.. told.Select(t => (t.Registration, new NoticeDraft(NoticeKinds.RegistrationWaitlisted, t.Message.RegistrationId.ToString(),
            [names[t.Message.SessionId].Title, names[t.Message.SessionId].When, t.Message.Position], TrackedRegistrations.MyRegistrations)))], cancellationToken);
    }
}

/// <summary>A freed place is offered: urgent, on the call list for someone told by their grid team, with the deadline.</summary>
public sealed class WaitlistOfferMadeConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<WaitlistOfferMadeConsumer> logger)
    : RegistrationNoticeConsumer<WaitlistOfferMade>(db, writer, signal, time, logger)
{
    protected override async Task HandleAsync(WaitlistOfferMade message, ConsumeContext<WaitlistOfferMade> context)
    {
        var ct = context.CancellationToken;
        var registration = await TrackAsync(message.RegistrationId, message.SessionId, message.ParticipantResidentId, message.RegistrantAccountId,
            TrackedStatus.Offered, message.OfferedAt ?? (context.SentTime is { } sent ? new DateTimeOffset(sent, TimeSpan.Zero) : Time.GetUtcNow()), ct);
        if (registration is null)
        {
            return;
        }

        registration.OfferMadeAt = Time.GetUtcNow();
        registration.OfferExpiresAt = message.ExpiresAt;
        registration.OfferReminded = false;
        var (title, when) = await Db.NameAsync(message.SessionId, ct);
        await Writer.ToPersonAsync(registration.ResidentId, registration.AccountId,
            new NoticeDraft(NoticeKinds.OfferMade, $"{message.RegistrationId}:{message.ExpiresAt.UtcTicks}", [title, when, NoticeTexts.When(message.ExpiresAt)], MyRegistrations)
            {
                RegistrationId = message.RegistrationId,
                DueAt = message.ExpiresAt,
            }, ct);
    }
}

/// <summary>
/// A registration ended: an expired offer and a cancelled session are news to the person (and to their grid team's
/// call list); a waitlist that closed with the session's end tells nobody; any other cancellation is confirmed in the app.
/// </summary>
public sealed class RegistrationCancelledConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<RegistrationCancelledConsumer> logger)
    : RegistrationNoticeConsumer<RegistrationCancelled>(db, writer, signal, time, logger)
{
    protected override async Task HandleAsync(RegistrationCancelled message, ConsumeContext<RegistrationCancelled> context)
    {
        var ct = context.CancellationToken;
        if (message.Code == CancellationReasons.SessionCancelled)
        {
            // The session's own cancellation may be telling this person right now (SessionCancelledConsumer): one at a time.
            await Db.LockSessionAsync(message.SessionId, ct);
        }

        var registration = await TrackAsync(message.RegistrationId, message.SessionId, message.ParticipantResidentId, message.RegistrantAccountId,
            TrackedStatus.Cancelled, message.CancelledAt, ct);
        // Nobody is told of a place given back because its holder asked to be erased: there is nobody left to tell.
        if (registration is null || message.Code is CancellationReasons.SessionCompleted or CancellationReasons.Erasure)
        {
            return;
        }

        registration.OfferExpiresAt = null;
        await SettleOfferCallsAsync(message.RegistrationId, ct);
        var kind = message.Code switch
        {
            CancellationReasons.OfferExpired => NoticeKinds.OfferExpired,
            CancellationReasons.SessionCancelled => NoticeKinds.SessionCancelled,
            _ => NoticeKinds.RegistrationCancelled,
        };
        var (title, when) = await Db.NameAsync(message.SessionId, ct);
        await Writer.ToPersonAsync(registration.ResidentId, registration.AccountId,
            new NoticeDraft(kind, message.RegistrationId.ToString(), [title, when], MyRegistrations), ct);
    }
}
