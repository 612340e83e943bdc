using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Privacy;
using Community.Services.Grid.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Privacy;

/// <summary>
/// Grid's part of a person's erasure (PIPL art. 47), for the resident record linked to their account. Removed: the
/// name and phone (the record stays as an unnamed former resident, moved out, so visits, loans and registrations that
/// refer to it still add up), the sensitive tags and their consents; the consents to act for them are withdrawn
/// (Activities is told). Their requests stop naming them — an open problem keeps its description, someone still has to
/// fix it; a finished one loses their words and pictures — and the follow-ups on them (their words, whoever wrote them down) lose their comments.
/// Kept, by the retention rules: the birth year (age groups in the station's figures), who was shown the tags and when
/// (the access log the tags were kept under), and the grid team's own records (visits, request history).
/// </summary>
public sealed partial class PersonErasureRequestedConsumer(GridDbContext db, TimeProvider time, ILogger<PersonErasureRequestedConsumer> logger)
    : IdempotentConsumer<PersonErasureRequested, GridDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(PersonErasureRequested message, ConsumeContext<PersonErasureRequested> context)
    {
        var cancellationToken = context.CancellationToken;
        var now = Time.GetUtcNow();
        var records = 0;
        var residents = await Db.Residents.Where(r => r.AccountId == message.AccountId).ToListAsync(cancellationToken);
        var residentIds = residents.Select(r => r.Id).ToList();
        foreach (var resident in residents)
        {
            resident.Name = Erased.Name;
            resident.Phone = null;
            resident.AccountId = null;
            resident.MoveOut(Erased.Reason, now);
            records++;
        }

        records += await Db.ResidentTags.Where(t => residentIds.Contains(t.ResidentId)).ExecuteDeleteAsync(cancellationToken);
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
        foreach (var request in await Db.Requests.Where(r => r.ReporterId != null && reporterIds.Contains(r.ReporterId.Value)).ToListAsync(cancellationToken))
        {
            request.ForgetReporter(Erased.Text);
            records++;
            records += await Db.FollowUps.Where(f => f.RequestId == request.Id && (f.Comment != null || f.Respondent != null))
                .ExecuteUpdateAsync(f => f.SetProperty(x => x.Comment, (string?)null).SetProperty(x => x.Respondent, (string?)null), cancellationToken);
        }

        Db.AddEvent(new PersonDataErased(message.RequestId, "grid", records, now), now);
        LogErased(message.RequestId, records);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure {RequestId}: Grid erased or anonymised {Records} records")]
    private partial void LogErased(Guid requestId, int records);
}
