using Community.Services.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Places;

/// <summary>A resident with the building they live in: what every access check on a resident needs.</summary>
public static class ResidentLookup
{
    public static async Task<(Resident Resident, Guid BuildingId)?> FindResidentAsync(this GridDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var row = await db.Residents.AsNoTracking().Where(r => r.Id == id)
            .Join(db.Households, r => r.HouseholdId, h => h.Id, (r, h) => new { Resident = r, h.BuildingId }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.Resident, row.BuildingId);
    }
}
