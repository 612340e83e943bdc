using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults.Privacy;
using Community.Services.Grid.Data;
using Community.Services.Grid.Equipment;
using Community.Services.Grid.Places;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Privacy;

/// <summary>
/// Grid's part of a person's erasure (PIPL art. 47), for the resident record linked to their account and whatever they
/// did under it. Removed: the name and phone (the record stays as an unnamed former resident, moved out, so visits,
/// loans and registrations that refer to it still add up — announced, so Activities' and Notices' copies follow even
/// if an older announcement is still on its way), the sensitive tags and their consents, their places on equipment
/// waiting lists (an item held for them goes to the next person); consents to act for them or letting them act for
/// someone are withdrawn (Activities is told). Their requests stop naming them — an open problem keeps its
/// description, someone still has to fix it; a finished one loses their words and pictures — and the follow-ups on
/// them lose what was said. Grid teams they sat in are left. Every record of what they did (a request's history, a
/// consent's recorder) keeps their account id but not their name.
/// Kept, by the retention rules: the birth year (age groups in the station's figures), who was shown the tags and when
/// (the access log the tags were kept under), and the grid team's own records (visits, request history).
/// </summary>
public sealed class PersonErasureRequestedConsumer(
    GridDbContext db, Lending lending, TimeProvider time, ILogger<PersonErasureRequestedConsumer> logger)
    : PersonErasureConsumer<GridDbContext>(db, time, logger, "grid")
{
    protected override async Task<int> EraseAsync(PersonErasureRequested message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subject = message.AccountId.ToString();
        var records = 0;
        // Under the records' locks, the time taken after them, as every writer of a resident's record (ResidentRecords).
        var residents = await Db.Residents.FromSql($"SELECT * FROM residents WHERE account_id = {message.AccountId} ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
        var at = Time.GetUtcNow();
        var residentIds = residents.Select(r => r.Id).ToList();
        var householdIds = residents.Select(r => r.HouseholdId).ToList();
        var buildings = await Db.Households.Where(h => householdIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.BuildingId, cancellationToken);
        foreach (var resident in residents)
        {
            resident.Name = Erased.Name;
            resident.Phone = null;
            resident.AccountId = null;
            resident.MoveOut(Erased.Reason, at);
            ResidentRecords.Announce(Db, resident, buildings[resident.HouseholdId], at);
            records++;
        }

        records += await Db.ResidentTags.Where(t => residentIds.Contains(t.ResidentId)).ExecuteDeleteAsync(cancellationToken);
        foreach (var wait in await Db.EquipmentWaits.Where(w => residentIds.Contains(w.ResidentId)).Select(w => w.Id).ToListAsync(cancellationToken))
        {
            records += await lending.CancelWaitWithinAsync(wait, cancellationToken) ? 1 : 0;
        }

        // Consents to act for them, and those letting them act for someone else: neither can be used again.
        foreach (var consent in await Db.ActingConsents
            .Where(c => (residentIds.Contains(c.ResidentId) || c.ActorAccountId == message.AccountId) && c.WithdrawnAt == null).ToListAsync(cancellationToken))
        {
            consent.WithdrawnAt = now;
            consent.WithdrawnBy = Erased.Reason;
            consent.Announce(Db, now);
            records++;
        }

        // A resident without a record of their own reports under their account id.
        var reporterIds = residentIds.Append(message.AccountId).ToList();
        var requests = await Db.Requests.Where(r => r.ReporterId != null && reporterIds.Contains(r.ReporterId.Value)).ToListAsync(cancellationToken);
        var requestIds = requests.Select(r => r.Id).ToList();
        foreach (var request in requests)
        {
            request.ForgetReporter(Erased.Text);
            records++;
        }

        records += await Db.FollowUps.Where(f => requestIds.Contains(f.RequestId) && (f.Comment != null || f.Respondent != null))
            .ExecuteUpdateAsync(f => f.SetProperty(x => x.Comment, (string?)null).SetProperty(x => x.Respondent, (string?)null), cancellationToken);
        // The history keeps that a follow-up or a reopening happened, not the words said.
        records += await Db.RequestChanges
            .Where(c => requestIds.Contains(c.RequestId) && c.Reason != null && (c.What == "follow-up" || c.By == subject || c.By.StartsWith(subject + " (")))
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Reason, (string?)null), cancellationToken);

        var volunteerIds = await Db.VolunteerAccounts.Where(l => l.AccountId == message.AccountId).Select(l => l.VolunteerId).ToListAsync(cancellationToken);
        foreach (var member in await Db.TeamMembers.Where(m => volunteerIds.Contains(m.VolunteerId) && m.Until == null).ToListAsync(cancellationToken))
        {
            member.Until = now;
            member.EndReason = Erased.Reason;
            Db.AddEvent(new GridTeamChanged(member.GridId, member.VolunteerId, member.Role, "left", now), now);
            records++;
        }

        return records;
    }
}
