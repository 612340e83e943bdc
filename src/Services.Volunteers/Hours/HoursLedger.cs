using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Services.Volunteers.Data;

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
