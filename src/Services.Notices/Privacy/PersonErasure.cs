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
public sealed class PersonErasureRequestedConsumer(NoticesDbContext db, TimeProvider time, ILogger<PersonErasureRequestedConsumer> logger)
    : PersonErasureConsumer<NoticesDbContext>(db, time, logger, "notices")
{
    protected override async Task<int> EraseAsync(PersonErasureRequested message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var account = message.AccountId;
        var resident = await Db.KnownResidents.LockedAsync(r => r.AccountId, account, cancellationToken)
            ?? await Db.KnownResidents.LockedAsync(r => r.UnlinkedAccountId, account, cancellationToken);
        var residentId = resident?.ResidentId;
        var records = 0;

        var theirs = Db.Notices.Where(n => n.AccountId == account || (residentId != null && n.ResidentId == residentId));
        records += await Db.NoticeReads.Where(r => r.AccountId == account || theirs.Select(n => n.Id).Contains(r.NoticeId)).ExecuteDeleteAsync(cancellationToken);
        records += await theirs.ExecuteDeleteAsync(cancellationToken);
        var keys = residentId is { } id ? new[] { NoticePreference.AccountKey(account), NoticePreference.ResidentKey(id) } : [NoticePreference.AccountKey(account)];
        records += await Db.Preferences.Where(p => keys.Contains(p.Key)).ExecuteDeleteAsync(cancellationToken);
        if (resident is not null)
        {
            records += await Db.CallListEntries.Where(c => c.ResidentId == resident.ResidentId && c.Status == CallListStatus.Open).ExecuteDeleteAsync(cancellationToken);
            records += await Db.CallListEntries.Where(c => c.ResidentId == resident.ResidentId)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.Body, Erased.Text).SetProperty(x => x.Note, (string?)null), cancellationToken);
            resident.Name = Erased.Name;
            resident.AccountId = null;
            resident.UnlinkedAccountId = null;
            resident.BuildingId = null;
            // An announcement of her record made before she asked, still on its way, must not bring her back.
            resident.RecordedAt = resident.RecordedAt > message.RequestedAt ? resident.RecordedAt : message.RequestedAt;
            records++;
        }

        // Nothing more reaches the account: no registration or volunteer record leads to it.
        records += await Db.Registrations.Where(r => r.AccountId == account)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.AccountId, (Guid?)null), cancellationToken);
        // Kept with no account as of her request, and the account remembered as erased, so a link announced before it
        // and still on its way cannot restore it (the link's consumer takes the same lock).
        await Db.Database.LockForTransactionAsync(ErasedAccount.Lock, [account], cancellationToken);
        var erased = await Db.ErasedAccounts.FindAsync([account], cancellationToken);
        if (erased is null)
        {
            Db.ErasedAccounts.Add(new ErasedAccount { AccountId = account, RequestedAt = message.RequestedAt });
        }
        else if (erased.RequestedAt < message.RequestedAt)
        {
            erased.RequestedAt = message.RequestedAt;
        }

        records += await Db.VolunteerAccounts.Where(l => l.AccountId == account).ExecuteUpdateAsync(l => l
            .SetProperty(x => x.AccountId, (Guid?)null)
            .SetProperty(x => x.LinkedAt, x => x.LinkedAt > message.RequestedAt ? x.LinkedAt : message.RequestedAt), cancellationToken);

        return records;
    }
}
