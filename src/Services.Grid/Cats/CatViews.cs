using Community.ServiceDefaults;
using Community.Services.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Cats;

/// <summary>The archive as staff and the grid team read it (with caretakers and complaints), built once for every endpoint that answers with it.</summary>
public static class CatViews
{
    public const int MaxCatsListed = 500;
    public const int MaxComplaintsListed = 200;

    public static async Task<CatDto> CatAsync(this GridDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var cat = await db.Cats.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
        var stay = await db.LatestStayAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Cat {id} has never been in a colony.");
        var vaccinations = await db.CatVaccinations.AsNoTracking().Where(v => v.CatId == id).OrderBy(v => v.GivenOn).ToListAsync(cancellationToken);
        return ToDto(cat, stay, vaccinations);
    }

    public static async Task<ColonyDto> ColonyAsync(this GridDbContext db, Colony colony, CancellationToken cancellationToken)
    {
        // The colony's cats are those whose latest stay is here: living here now, or left from here.
        var stays = await db.CatStays.AsNoTracking()
            .Where(s => s.ColonyId == colony.Id && !db.CatStays.Any(later => later.CatId == s.CatId && later.From > s.From))
            .OrderBy(s => s.From).Take(MaxCatsListed).ToListAsync(cancellationToken);
        var catIds = stays.Select(s => s.CatId).ToList();
        var cats = await db.Cats.AsNoTracking().Where(c => catIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var vaccinations = (await db.CatVaccinations.AsNoTracking().Where(v => catIds.Contains(v.CatId)).OrderBy(v => v.GivenOn).ToListAsync(cancellationToken))
            .ToLookup(v => v.CatId);

        var stations = await StationsAsync(db, db.FeedingStations.AsNoTracking().Where(s => s.ColonyId == colony.Id), cancellationToken);
        var complaints = await db.ColonyComplaints.AsNoTracking().Where(c => c.ColonyId == colony.Id)
            .Join(db.Requests.AsNoTracking(), c => c.RequestId, r => r.Id, (c, r) => new { c.LinkedAt, r.Id, r.Status, r.ReportedAt })
            .OrderByDescending(x => x.ReportedAt).Take(MaxComplaintsListed)
            .Select(x => new ComplaintDto(x.Id, x.Status, x.ReportedAt, x.LinkedAt)).ToListAsync(cancellationToken);
        return new ColonyDto(colony.Id, colony.Name, colony.Place, colony.CompoundId, colony.BuildingId, colony.Spot,
            await db.GridOfColonyAsync(colony, cancellationToken),
            stays.Select(s => ToDto(cats[s.CatId], s, vaccinations[s.CatId])).ToList(), stations, complaints);
    }

    public static async Task<StationDto> StationAsync(this GridDbContext db, Guid id, CancellationToken cancellationToken) =>
        (await StationsAsync(db, db.FeedingStations.AsNoTracking().Where(s => s.Id == id), cancellationToken)).Single();

    /// <summary>Stations with their current caretakers (named from the volunteer read model) and when the cats were last fed there.</summary>
    private static async Task<IReadOnlyList<StationDto>> StationsAsync(GridDbContext db, IQueryable<FeedingStation> query, CancellationToken cancellationToken)
    {
        var stations = await query.OrderBy(s => s.PlacedOn).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var ids = stations.Select(s => s.Id).ToList();
        var caretakers = (await db.StationCaretakers.AsNoTracking().Where(c => ids.Contains(c.StationId) && c.Until == null)
            .Join(db.KnownVolunteers.AsNoTracking(), c => c.VolunteerId, v => v.VolunteerId, (c, v) => new { c.StationId, Caretaker = new CaretakerDto(c.VolunteerId, v.DisplayName, c.From) })
            .ToListAsync(cancellationToken)).ToLookup(c => c.StationId, c => c.Caretaker);
        var lastFed = await db.Feedings.AsNoTracking().Where(f => ids.Contains(f.StationId)).GroupBy(f => f.StationId)
            .Select(g => new { g.Key, Last = g.Max(f => f.FedAt) }).ToDictionaryAsync(g => g.Key, g => g.Last, cancellationToken);
        return stations.Select(s => new StationDto(s.Id, s.ColonyId, s.Name, s.PlacedOn, caretakers[s.Id].OrderBy(c => c.From).ToList(),
            lastFed.TryGetValue(s.Id, out var last) ? last : null)).ToList();
    }

    private static CatDto ToDto(Cat cat, CatStay stay, IEnumerable<CatVaccination> vaccinations) => new(
        cat.Id, stay.ColonyId, cat.Name, cat.Description, cat.PhotoRef, cat.Sex, cat.NeuteredOn, cat.EarTipped,
        vaccinations.Select(v => new VaccinationDto(v.Vaccine, v.GivenOn)).ToList(), stay.Status,
        stay.Status == CatStatuses.InColony || stay.Until is not { } until ? null : Neighbourhood.Today(until), cat.RecordedAt);
}
