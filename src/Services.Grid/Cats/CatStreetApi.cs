using Community.Services.Grid.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Cats;

/// <summary>
/// The cat street (喵街): the public page of the archive, for anyone, signed in or not. Colonies by their public
/// names and places, and their cats; never caretakers, complaints or anyone's personal data.
/// </summary>
public static class CatStreetApi
{
    public const int MaxColonies = 200;
    public const int MaxCats = 2000;

    public static IEndpointRouteBuilder MapCatStreetApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/cat-street", StreetAsync).WithTags("Cats").WithName("CatStreet")
            .WithSummary("The public cat archive: colonies, where they are, their cats (neutered, ear-tipped, vaccinated) and how many found a home.")
            .AllowAnonymous();
        return app;
    }

    internal static async Task<Ok<CatStreetDto>> StreetAsync(GridDbContext db, CancellationToken cancellationToken)
    {
        var colonies = await db.Colonies.AsNoTracking().OrderBy(c => c.Name).Take(MaxColonies).Select(c => new
        {
            c.Id, c.Name, c.Place, c.Spot,
            Compound = db.Compounds.Where(x => x.Id == c.CompoundId).Select(x => x.Name).FirstOrDefault(),
            Building = db.Buildings.Where(b => b.Id == c.BuildingId).Select(b => b.Number).FirstOrDefault(),
            Stations = db.FeedingStations.Count(s => s.ColonyId == c.Id),
            Adopted = db.CatStays.Count(s => s.ColonyId == c.Id && s.EndReason == CatStatuses.Adopted),
        }).ToListAsync(cancellationToken);
        var ids = colonies.Select(c => c.Id).ToList();
        var cats = (await db.CatStays.AsNoTracking().Where(s => s.Until == null && ids.Contains(s.ColonyId)).OrderBy(s => s.From).Take(MaxCats)
            .Join(db.Cats.AsNoTracking(), s => s.CatId, c => c.Id, (s, c) => new
            {
                s.ColonyId,
                Cat = new PublicCatDto(c.Id, c.Name, c.Description, c.PhotoRef, c.Sex, c.NeuteredOn != null, c.EarTipped, db.CatVaccinations.Any(v => v.CatId == c.Id)),
            })
            .ToListAsync(cancellationToken)).ToLookup(x => x.ColonyId, x => x.Cat);
        return TypedResults.Ok(new CatStreetDto(colonies.Select(c => new PublicColonyDto(c.Id, c.Name, c.Place, c.Compound, c.Building, c.Spot, c.Stations, c.Adopted,
            cats[c.Id].OrderBy(cat => cat.Name, StringComparer.Ordinal).ToList())).ToList()));
    }
}
