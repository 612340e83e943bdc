using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Cats;

/// <summary>
/// "May this caller act on this colony?", asked once, here, for colonies and for the cats and stations in them:
/// staff work every colony; a grid worker the colonies by a building of their grids. A colony in a compound or at a
/// described spot is in no grid, so it is staff's. A caretaker may log feedings at their own stations only.
/// </summary>
public static class ColonyAccess
{
    public static async Task<bool> MayWorkOnColonyAsync(this GridDbContext db, ClaimsPrincipal caller, Colony colony, CancellationToken cancellationToken) =>
        caller.IsStaff() || (colony.BuildingId is { } building && await db.MayWorkOnBuildingAsync(caller, building, cancellationToken));

    /// <summary>The colonies the caller works: every one for staff, those by their grids' buildings for a grid worker.</summary>
    public static async Task<IQueryable<Colony>> WorkedColoniesAsync(this GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var working = await db.WorkingGridsAsync(caller, cancellationToken);
        if (working.All)
        {
            return db.Colonies.AsNoTracking();
        }

        var teams = working.Teams.ToList();
        return db.Colonies.AsNoTracking().Where(c => c.BuildingId != null &&
            db.GridBuildings.Any(g => g.BuildingId == c.BuildingId && g.Until == null && teams.Contains(g.GridId)));
    }

    /// <summary>The grid whose team works the colony (null: staff's).</summary>
    public static async Task<Guid?> GridOfColonyAsync(this GridDbContext db, Colony colony, CancellationToken cancellationToken) =>
        colony.BuildingId is { } building ? await db.GridOfBuildingAsync(building, cancellationToken) : null;

    /// <summary>A cat's latest stay: the colony it is in, or the one it left and how.</summary>
    public static Task<CatStay?> LatestStayAsync(this GridDbContext db, Guid catId, CancellationToken cancellationToken) =>
        db.CatStays.AsNoTracking().Where(s => s.CatId == catId).OrderByDescending(s => s.From).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Loads a cat with its latest stay and that stay's colony, and whether the caller may work on it.</summary>
    public static async Task<(Cat? Cat, CatStay? Stay, bool MayWork)> LoadCatAsync(
        this GridDbContext db, Guid id, ClaimsPrincipal caller, bool track, CancellationToken cancellationToken)
    {
        var cat = track
            ? await db.Cats.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            : await db.Cats.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cat is null)
        {
            return (null, null, false);
        }

        var stay = await db.LatestStayAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Cat {id} has never been in a colony.");
        var colony = await db.Colonies.AsNoTracking().SingleAsync(c => c.Id == stay.ColonyId, cancellationToken);
        return (cat, stay, await db.MayWorkOnColonyAsync(caller, colony, cancellationToken));
    }

    /// <summary>The caller's volunteer records that currently look after the station (none: not its caretaker).</summary>
    public static async Task<IReadOnlyList<Guid>> CaretakingAsync(this GridDbContext db, ClaimsPrincipal caller, Guid stationId, CancellationToken cancellationToken)
    {
        var mine = (await db.LinksAsync(caller, cancellationToken)).VolunteerIds.ToList();
        return mine.Count == 0 ? [] : await db.StationCaretakers.AsNoTracking()
            .Where(c => c.StationId == stationId && c.Until == null && mine.Contains(c.VolunteerId)).Select(c => c.VolunteerId).ToListAsync(cancellationToken);
    }
}
