using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Services.Grid.Data;

namespace Community.Services.Grid.Places;

/// <summary>
/// Announces a resident's record to the platform's own services (never to partners) whenever it is created or changes.
/// Each announcement is the whole record at its time, and the copies keep the latest: so every writer changes the record
/// under its row's lock and takes the time after it. Before, a move-out and an account link at once each announced the
/// record as it read it, and the copies kept the later one, which said she still lived there.
/// </summary>
public static class ResidentRecords
{
    public static void Announce(GridDbContext db, Resident resident, Guid buildingId, DateTimeOffset now) =>
        db.AddEvent(new ResidentRecorded(resident.Id, resident.HouseholdId, resident.Name, resident.BirthYear, resident.GuardianId, resident.AccountId, now, buildingId,
            resident.MovedOutAt), now);
}
