using Community.Contracts;
using Community.Messaging.Outbox;
using Community.Messaging.Persistence;
using Community.Services.Volunteers.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Community.Services.Volunteers.Hours;

/// <summary>
/// The only way hours are written: every new entry and every status change leaves an <see cref="HoursChange"/>
/// row, and every entry that starts counting publishes ServiceHoursCredited — in the caller's transaction.
/// </summary>
public static class HoursLedger
{
    public const string System = "system";

    /// <summary>Adds an entry; confirmed ones count at once and are announced.</summary>
    public static ServiceHours Record(
        this VolunteersDbContext db, Guid volunteerId, int minutes, string source, Guid sourceId, string activity, DateTimeOffset servedAt,
        string status, string by, string reason, DateTimeOffset now)
    {
        var entry = new ServiceHours
        {
            Id = Guid.CreateVersion7(),
            VolunteerId = volunteerId,
            Minutes = minutes,
            Source = source,
            SourceId = source == HourSources.SelfLog ? Guid.Empty : sourceId,
            Activity = activity.Length > 200 ? activity[..200] : activity,
            ServedAt = servedAt,
            Status = status,
            CreditedAt = now,
        };
        if (source == HourSources.SelfLog)
        {
            entry.SourceId = entry.Id;
        }

        db.ServiceHours.Add(entry);
        db.HoursChanges.Add(new HoursChange { HoursId = entry.Id, At = now, By = by, FromStatus = null, ToStatus = status, Minutes = minutes, Reason = reason });
        if (status == HourStatuses.Confirmed)
        {
            Announce(db, entry, now);
        }

        return entry;
    }

    /// <summary>A confirmed credit <see cref="CreditAllAsync"/> writes.</summary>
    public sealed record Credit(Guid VolunteerId, int Minutes, string Source, Guid SourceId, string Activity, DateTimeOffset ServedAt);

    /// <summary>
    /// <see cref="Record"/> for many confirmed credits at once (a wave of completed sessions), in one statement in the
    /// caller's transaction: the entries, their history rows and their ServiceHoursCredited events, exactly as
    /// <see cref="Record"/> writes them one by one; the relay and the metrics are told when the transaction commits.
    /// A credit already written (the unique key) fails the statement, and nothing is written.
    /// </summary>
    public static async Task CreditAllAsync(
        this VolunteersDbContext db, OutboxSql outbox, IReadOnlyList<Credit> credits, string by, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (credits.Any(c => c.Source == HourSources.SelfLog))
        {
            throw new ArgumentException("Self-logged hours are pending and recorded one at a time.", nameof(credits));
        }

        var ids = credits.Select(_ => Guid.CreateVersion7()).ToArray();
        var events = credits.Select((c, i) => new ServiceHoursCredited(ids[i], c.VolunteerId, c.Minutes, c.Source, c.SourceId, now)).ToList();
        await db.Database.ExecuteSqlRawAsync(CreditAllSql, [
            Parameter("ids", ids), Parameter("volunteer_ids", credits.Select(c => c.VolunteerId).ToArray()),
            Parameter("minutes", credits.Select(c => c.Minutes).ToArray()), Parameter("sources", credits.Select(c => c.Source).ToArray()),
            Parameter("source_ids", credits.Select(c => c.SourceId).ToArray()),
            Parameter("activities", credits.Select(c => c.Activity.Length > 200 ? c.Activity[..200] : c.Activity).ToArray()),
            Parameter("served_at", credits.Select(c => c.ServedAt).ToArray()), Parameter("status", HourStatuses.Confirmed),
            Parameter("now", now), Parameter("by", by), Parameter("reason", reason),
            .. OutboxSql.RowParameters(events, now),
        ], cancellationToken);
        outbox.Written(db, events);
    }

    private static readonly string CreditAllSql = $"""
        WITH credit AS (
            SELECT * FROM unnest(@ids, @volunteer_ids, @minutes, @sources, @source_ids, @activities, @served_at)
                AS c(id, volunteer_id, minutes, source, source_id, activity, served_at)),
        hours AS (
            INSERT INTO service_hours (id, volunteer_id, minutes, source, source_id, activity, served_at, status, credited_at)
            SELECT id, volunteer_id, minutes, source, source_id, activity, served_at, @status, @now FROM credit),
        changes AS (
            INSERT INTO hours_changes (hours_id, at, by, from_status, to_status, minutes, reason)
            SELECT id, @now, @by, NULL, @status, minutes, @reason FROM credit)
        {OutboxSql.InsertRows()}
        """;

    private static NpgsqlParameter Parameter<T>(string name, T value) => new NpgsqlParameter<T>(name, value);

    /// <summary>Moves an entry to a new status and keeps the change.</summary>
    public static void ChangeStatus(this VolunteersDbContext db, ServiceHours entry, string status, string by, string reason, DateTimeOffset now)
    {
        db.HoursChanges.Add(new HoursChange
        {
            HoursId = entry.Id, At = now, By = by, FromStatus = entry.Status, ToStatus = status, Minutes = entry.Minutes, Reason = reason,
        });
        entry.Status = status;
        if (status == HourStatuses.Confirmed)
        {
            Announce(db, entry, now);
        }
    }

    private static void Announce(VolunteersDbContext db, ServiceHours entry, DateTimeOffset now) =>
        db.AddEvent(new ServiceHoursCredited(entry.Id, entry.VolunteerId, entry.Minutes, entry.Source, entry.SourceId, now), now);
}
