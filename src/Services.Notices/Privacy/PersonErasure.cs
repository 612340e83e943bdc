using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults.Privacy;
using Community.Services.Notices.CallList;
using Community.Services.Notices.Data;
using Community.Services.Notices.Preferences;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.Privacy;

/// <summary>
/// Notices' part of a person's erasure (PIPL art. 47): the notices to them and what they read are deleted, as is how
/// they chose to be told; calls still to be made are taken off their grid team's list, and calls made keep only that
/// they were made (how, when, by whom — the team's record of its work), not what was said or noted. The copy of their
/// resident record is unnamed and no longer routed to any building's team, and no registration or volunteer record
/// leads to their account any more. If they were a grid worker, the calls they made keep their account id, not their name.
/// </summary>
public sealed partial class PersonErasureRequestedConsumer(NoticesDbContext db, TimeProvider time, ILogger<PersonErasureRequestedConsumer> logger)
    : IdempotentConsumer<PersonErasureRequested, NoticesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(PersonErasureRequested message, ConsumeContext<PersonErasureRequested> context)
    {
        var cancellationToken = context.CancellationToken;
        var now = Time.GetUtcNow();
        var account = message.AccountId;
        var resident = await Db.KnownResidents.FirstOrDefaultAsync(r => r.AccountId == account, cancellationToken);
        var residentId = resident?.ResidentId;
        var records = 0;

        var notices = Db.Notices.Where(n => n.AccountId == account || (residentId != null && n.ResidentId == residentId)).Select(n => n.Id);
        records += await Db.NoticeReads.Where(r => r.AccountId == account || notices.Contains(r.NoticeId)).ExecuteDeleteAsync(cancellationToken);
        records += await Db.Notices.Where(n => n.AccountId == account || (residentId != null && n.ResidentId == residentId)).ExecuteDeleteAsync(cancellationToken);
        var keys = residentId is { } id ? new[] { NoticePreference.AccountKey(account), NoticePreference.ResidentKey(id) } : [NoticePreference.AccountKey(account)];
        records += await Db.Preferences.Where(p => keys.Contains(p.Key)).ExecuteDeleteAsync(cancellationToken);
        if (resident is not null)
        {
            records += await Db.CallListEntries.Where(c => c.ResidentId == resident.ResidentId && c.Status == CallListStatus.Open).ExecuteDeleteAsync(cancellationToken);
            records += await Db.CallListEntries.Where(c => c.ResidentId == resident.ResidentId)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.Body, Erased.Text).SetProperty(x => x.Note, (string?)null), cancellationToken);
            resident.Name = Erased.Name;
            resident.AccountId = null;
            resident.BuildingId = null;
            // An announcement of her record made before she asked, still on its way, must not bring her back.
            resident.RecordedAt = message.RequestedAt;
            records++;
        }

        // Nothing more reaches the account: no registration or volunteer record leads to it.
        records += await Db.Registrations.Where(r => r.AccountId == account)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.AccountId, (Guid?)null), cancellationToken);
        records += await Db.VolunteerAccounts.Where(l => l.AccountId == account).ExecuteDeleteAsync(cancellationToken);
        records += await Db.ForgetActorAsync(account.ToString(), Erased.Name, cancellationToken);

        Db.AddEvent(new PersonDataErased(message.RequestId, "notices", records, now), now);
        LogErased(message.RequestId, records);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure {RequestId}: Notices erased or anonymised {Records} records")]
    private partial void LogErased(Guid requestId, int records);
}
