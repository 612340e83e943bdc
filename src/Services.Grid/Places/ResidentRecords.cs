using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Services.Grid.Data;

namespace Community.Services.Grid.Places;

/// <summary>Announces a resident's record to the platform's own services (never to partners) whenever it is created or changes.</summary>
public static class ResidentRecords
{
    public static void Announce(GridDbContext db, Resident resident, Guid buildingId, DateTimeOffset now) =>
        db.AddEvent(new ResidentRecorded(resident.Id, resident.HouseholdId, resident.Name, resident.BirthYear, resident.GuardianId, resident.AccountId, now, buildingId,
            resident.MovedOutAt), now);
}
