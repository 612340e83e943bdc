using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults.Privacy;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Privacy;

/// <summary>
/// Activities' part of a person's erasure (PIPL art. 47). Their places in sessions still to come are cancelled
/// (given back and offered to whoever waits, like any cancellation); every registration of theirs, past or to come,
/// loses their name, birth year and words but keeps counting in the session's numbers; feedback on their places loses
/// its comment (the rating stays in the averages); registrations they made for others no longer name them; and the
/// copy of their resident record is unnamed and closed to on-behalf registration. Registrations they made name no
/// account any more (so nobody is notified on their behalf), and what they did (cancelled someone's place) keeps their
/// account id but not their name.
/// </summary>
public sealed class PersonErasureRequestedConsumer(
    ActivitiesDbContext db, Waitlist waitlist, TimeProvider time, ILogger<PersonErasureRequestedConsumer> logger)
    : PersonErasureConsumer<ActivitiesDbContext>(db, time, logger, "activities")
{
    protected override async Task<int> EraseAsync(PersonErasureRequested message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subject = message.AccountId.ToString();
        var records = 0;
        var resident = await Db.KnownResidents.LockedAsync(r => r.AccountId, message.AccountId, cancellationToken)
            ?? await Db.KnownResidents.LockedAsync(r => r.UnlinkedAccountId, message.AccountId, cancellationToken);
        var residentId = resident?.ResidentId;
        if (resident is not null)
        {
            resident.Name = Erased.Name;
            resident.AccountId = null;
            resident.UnlinkedAccountId = null;
            resident.MovedOutAt ??= now;
            // An announcement of her record made before she asked, still on its way, must not bring her name back.
            resident.RecordedAt = resident.RecordedAt > message.RequestedAt ? resident.RecordedAt : message.RequestedAt;
            records++;
        }

        var theirs = await Db.Registrations
            .Where(r => (residentId != null && r.ParticipantResidentId == residentId) || (r.RegisteredBy == subject && !r.OnBehalf))
            .Select(r => new { r.Id, r.SessionId }).ToListAsync(cancellationToken);
        // Sessions locked in id order, as every path that locks more than one does.
        foreach (var sessionId in theirs.Select(r => r.SessionId).Distinct().Order())
        {
            // Under the session's lock, as any cancellation: the freed place goes to the first person waiting.
            var session = (await waitlist.LockSessionAsync(sessionId, cancellationToken))!;
            var ids = theirs.Where(r => r.SessionId == sessionId).Select(r => r.Id).ToList();
            foreach (var registration in await Db.Registrations.Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken))
            {
                if (registration.Status != RegistrationStatus.Cancelled && session.IsOpenForRegistration(now))
                {
                    await waitlist.CancelAsync(session, registration, Erased.Reason, "erasure", CancellationReasons.Erasure, cancellationToken);
                }

                registration.ForgetParticipant(Erased.Name, Erased.Text);
                records++;
            }
        }

        var own = theirs.Select(r => r.Id).ToList();
        records += await Db.Set<Feedback.SessionFeedback>().Where(f => own.Contains(f.RegistrationId) && f.Comment != null)
            .ExecuteUpdateAsync(f => f.SetProperty(x => x.Comment, (string?)null), cancellationToken);
        foreach (var registration in await Db.Registrations.Where(r => r.RegisteredBy == subject && r.OnBehalf).ToListAsync(cancellationToken))
        {
            registration.ForgetRegistrant(Erased.Name);
            records++;
        }

        return records;
    }
}
