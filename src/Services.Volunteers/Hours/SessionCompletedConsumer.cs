using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Messaging.Outbox;
using Community.Persistence;
using Community.Services.Volunteers.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Hours;

/// <summary>
/// Credits each volunteer who served at a completed session with the time served. Idempotent twice over:
/// the inbox skips a redelivered message, and one credit per (volunteer, session) is a unique key, so even a
/// re-published event with a new id credits nothing again. Sessions complete in waves (every class of an evening an
/// hour after its end), so they are credited in batches: three reads and one write for up to a hundred sessions.
/// </summary>
public sealed partial class SessionCompletedConsumer(VolunteersDbContext db, OutboxSql outbox, TimeProvider time, ILogger<SessionCompletedConsumer> logger)
    : IdempotentBatchConsumer<SessionCompleted, VolunteersDbContext>(db, time, logger)
{
    private readonly ILogger _log = logger;

    protected override async Task HandleAsync(IReadOnlyList<SessionCompleted> messages, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var ids = messages.SelectMany(m => m.Volunteers).Select(v => v.VolunteerId).Distinct().ToList();
        var sessions = messages.Select(m => m.SessionId).Distinct().ToList();
        // A copy re-published under a new id may sit in the other batch applied at this moment: whichever batch takes a
        // session's lock second waits, then reads the first's credits below instead of failing the unique key (a failed
        // batch is applied again one message at a time, ten times the work).
        await Db.Database.LockForTransactionAsync("hours-for-session", sessions, cancellationToken);
        var known = (await Db.Volunteers.Where(v => ids.Contains(v.Id)).Select(v => v.Id).ToListAsync(cancellationToken)).ToHashSet();
        var credited = (await Db.ServiceHours
            .Where(h => h.Source == HourSources.Session && sessions.Contains(h.SourceId) && ids.Contains(h.VolunteerId))
            .Select(h => new { h.VolunteerId, h.SourceId }).ToListAsync(cancellationToken))
            .Select(h => (h.VolunteerId, h.SourceId)).ToHashSet();

        var requestIds = messages.SelectMany(m => m.Volunteers).Select(v => v.RequestId).Distinct().ToList();
        var titles = await Db.Opportunities.Where(o => requestIds.Contains(o.RequestId))
            .ToDictionaryAsync(o => o.RequestId, o => o.Title, cancellationToken);

        var credits = new List<HoursLedger.Credit>();
        foreach (var message in messages)
        {
            foreach (var served in message.Volunteers.DistinctBy(v => v.VolunteerId))
            {
                if (!known.Contains(served.VolunteerId))
                {
                    LogUnknownVolunteer(served.VolunteerId, message.SessionId);
                    continue;
                }

                // Also the second of two copies of one session's completion in the same batch.
                if (served.Minutes <= 0 || !credited.Add((served.VolunteerId, message.SessionId)))
                {
                    continue;
                }

                credits.Add(new HoursLedger.Credit(served.VolunteerId, Math.Min(served.Minutes, 1440), HourSources.Session, message.SessionId,
                    titles.GetValueOrDefault(served.RequestId, message.Category), message.StartsAt));
            }
        }

        // One statement for the batch's entries, their history and their events, not three tracked rows a credit.
        if (credits.Count > 0)
        {
            await Db.CreditAllAsync(outbox, credits, HoursLedger.System, "session completed", now, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} names volunteer {VolunteerId}, who is not in the registry; no hours credited.")]
    private partial void LogUnknownVolunteer(Guid volunteerId, Guid sessionId);
}
