using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Volunteers.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Hours;

/// <summary>
/// Credits each volunteer who served at a completed session with the time served. Idempotent twice over:
/// the inbox skips a redelivered message, and one credit per (volunteer, session) is a unique key, so even a
/// re-published event with a new id credits nothing again.
/// </summary>
public sealed partial class SessionCompletedConsumer(VolunteersDbContext db, TimeProvider time, ILogger<SessionCompletedConsumer> logger)
    : IdempotentConsumer<SessionCompleted, VolunteersDbContext>(db, time, logger)
{
    private readonly ILogger _log = logger;

    protected override async Task HandleAsync(SessionCompleted message, ConsumeContext<SessionCompleted> context)
    {
        var now = Time.GetUtcNow();
        var ids = message.Volunteers.Select(v => v.VolunteerId).Distinct().ToList();
        var known = await Db.Volunteers.Where(v => ids.Contains(v.Id)).Select(v => v.Id).ToListAsync(context.CancellationToken);
        var credited = await Db.ServiceHours
            .Where(h => ids.Contains(h.VolunteerId) && h.Source == HourSources.Session && h.SourceId == message.SessionId)
            .Select(h => h.VolunteerId).ToListAsync(context.CancellationToken);

        var requestIds = message.Volunteers.Select(v => v.RequestId).Distinct().ToList();
        var titles = await Db.Opportunities.Where(o => requestIds.Contains(o.RequestId))
            .ToDictionaryAsync(o => o.RequestId, o => o.Title, context.CancellationToken);

        foreach (var served in message.Volunteers.DistinctBy(v => v.VolunteerId))
        {
            if (!known.Contains(served.VolunteerId))
            {
                LogUnknownVolunteer(served.VolunteerId, message.SessionId);
                continue;
            }

            if (credited.Contains(served.VolunteerId) || served.Minutes <= 0)
            {
                continue;
            }

            Db.Record(served.VolunteerId, Math.Min(served.Minutes, 1440), HourSources.Session, message.SessionId,
                titles.GetValueOrDefault(served.RequestId, message.Category), message.StartsAt, HourStatuses.Confirmed,
                HoursLedger.System, "session completed", now);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} names volunteer {VolunteerId}, who is not in the registry; no hours credited.")]
    private partial void LogUnknownVolunteer(Guid volunteerId, Guid sessionId);
}
