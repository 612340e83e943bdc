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
    protected const string MyRegistrations = "/my/registrations";

    /// <summary>Records the registration's new state; null when the message is older than what is known (nobody is told).</summary>
    protected async Task<TrackedRegistration?> TrackAsync(
        Guid registrationId, Guid sessionId, Guid? residentId, Guid? accountId, string status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (registrationId == Guid.Empty || sessionId == Guid.Empty)
        {
            throw new InvalidMessageException($"{typeof(TMessage).Name} needs a registration and a session.");
        }

        var registration = await Db.Registrations.FirstOrDefaultAsync(r => r.RegistrationId == registrationId, cancellationToken);
        if (registration is null)
        {
            registration = Db.Registrations.Add(new TrackedRegistration { RegistrationId = registrationId, SessionId = sessionId }).Entity;
        }
        else if (registration.ChangedAt > at)
        {
            return null;
        }

        registration.ResidentId = residentId ?? registration.ResidentId;
        registration.AccountId = accountId ?? registration.AccountId;
        registration.Status = status;
        registration.ChangedAt = at;
        return registration;
    }

    /// <summary>An offer answered or withdrawn: its call list entry, if nobody has called yet, is no longer needed.</summary>
    protected Task SettleOfferCallsAsync(Guid registrationId, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        return Db.CallListEntries
            .Where(e => e.RegistrationId == registrationId && e.Kind == NoticeKinds.OfferMade && e.Status == CallList.CallListStatus.Open)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, CallList.CallListStatus.Overtaken).SetProperty(e => e.HandledAt, now)
                .SetProperty(e => e.HandledByName, "系统"), cancellationToken);
    }
}

public sealed class RegistrationConfirmedConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<RegistrationConfirmedConsumer> logger)
    : RegistrationNoticeConsumer<RegistrationConfirmed>(db, writer, signal, time, logger)
{
    protected override async Task HandleAsync(RegistrationConfirmed message, ConsumeContext<RegistrationConfirmed> context)
    {
        var ct = context.CancellationToken;
        var registration = await TrackAsync(message.RegistrationId, message.SessionId, message.ParticipantResidentId, message.RegistrantAccountId,
            TrackedStatus.Confirmed, message.ConfirmedAt, ct);
        if (registration is null)
        {
            return;
        }

        registration.OfferExpiresAt = null;
        await SettleOfferCallsAsync(message.RegistrationId, ct);
        var (title, when) = await Db.NameAsync(message.SessionId, ct);
        await Writer.ToPersonAsync(registration.ResidentId, registration.AccountId,
            new NoticeDraft(NoticeKinds.RegistrationConfirmed, message.RegistrationId.ToString(), [title, when], MyRegistrations), ct);
    }
}

public sealed class RegistrationWaitlistedConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<RegistrationWaitlistedConsumer> logger)
    : RegistrationNoticeConsumer<RegistrationWaitlisted>(db, writer, signal, time, logger)
{
    protected override async Task HandleAsync(RegistrationWaitlisted message, ConsumeContext<RegistrationWaitlisted> context)
    {
        var ct = context.CancellationToken;
        var registration = await TrackAsync(message.RegistrationId, message.SessionId, message.ParticipantResidentId, message.RegistrantAccountId,
            TrackedStatus.Waitlisted, message.WaitlistedAt, ct);
        if (registration is null)
        {
            return;
        }

        var (title, when) = await Db.NameAsync(message.SessionId, ct);
        await Writer.ToPersonAsync(registration.ResidentId, registration.AccountId,
            new NoticeDraft(NoticeKinds.RegistrationWaitlisted, message.RegistrationId.ToString(), [title, when, message.Position], MyRegistrations), ct);
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
