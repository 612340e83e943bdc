using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Places;

/// <summary>The neighbourhood's places: compounds and their buildings.</summary>
public static class PlacesApi
{
    public static IEndpointRouteBuilder MapPlacesApi(this IEndpointRouteBuilder app)
    {
        var compounds = app.MapGroup("/compounds").WithTags("Places");
        compounds.MapPost("/", CreateCompoundAsync)
            .WithName("CreateCompound")
            .WithSummary("Adds a housing compound to the neighbourhood.")
            .RequireAuthorization(Policies.Staff);
        compounds.MapGet("/", ListCompoundsAsync)
            .WithName("ListCompounds")
            .WithSummary("Lists the neighbourhood's compounds.");

        var buildings = app.MapGroup("/buildings").WithTags("Places");
        buildings.MapPost("/", RegisterBuildingAsync)
            .WithName("RegisterBuilding")
            .WithSummary("Registers a building in a compound.")
            .RequireAuthorization(Policies.Staff);
        buildings.MapGet("/", ListBuildingsAsync)
            .WithName("ListBuildings")
            .WithSummary("Lists buildings, optionally of one compound, ordered by compound and number.");
        buildings.MapGet("/{id:guid}", GetBuildingAsync)
            .WithName("GetBuilding")
            .WithSummary("One building.");
        return app;
    }

    internal static async Task<Results<Created<CompoundDto>, ValidationProblem, Conflict<ProblemDetails>>> CreateCompoundAsync(
        CreateCompoundRequest request, GridDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Require("name", request.Name, PlaceRules.MaxNameLength)
            .Optional("englishName", request.EnglishName, PlaceRules.MaxNameLength);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var compound = Compound.Create(request.Name!, request.EnglishName, time.GetUtcNow());
        db.Compounds.Add(compound);
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("A compound with this name exists.", $"There is already a compound named '{compound.Name}'."));
        }

        return TypedResults.Created($"/compounds/{compound.Id}", ToDto(compound));
    }

    internal static async Task<Ok<IReadOnlyList<CompoundDto>>> ListCompoundsAsync(GridDbContext db, CancellationToken cancellationToken)
    {
        var compounds = await db.Compounds.AsNoTracking().OrderBy(c => c.CreatedAt).ThenBy(c => c.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<CompoundDto>>(compounds.Select(ToDto).ToList());
    }

    internal static async Task<Results<Created<BuildingDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RegisterBuildingAsync(
        RegisterBuildingRequest request, GridDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = PlaceRules.CheckBuilding(request);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!await db.Compounds.AnyAsync(c => c.Id == request.CompoundId, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such compound.", $"There is no compound {request.CompoundId}."));
        }

        var now = time.GetUtcNow();
        var building = Building.Register(request.CompoundId!.Value, request.Number!, request.Floors!.Value, request.Latitude, request.Longitude, now);
        db.Buildings.Add(building);
        db.AddEvent(new BuildingRegistered(building.Id, building.CompoundId, building.Number, building.Floors, now), now);
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("This building is already registered.", $"The compound already has a building number '{building.Number}'."));
        }

        return TypedResults.Created($"/buildings/{building.Id}", ToDto(building));
    }

    internal static async Task<Results<Ok<Page<BuildingDto>>, ValidationProblem>> ListBuildingsAsync(
        Guid? compoundId, int? page, int? pageSize, GridDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Buildings.AsNoTracking();
        if (compoundId is { } id)
        {
            query = query.Where(b => b.CompoundId == id);
        }

        return TypedResults.Ok(await query.ToPageAsync(
            q => q.OrderBy(b => b.CompoundId).ThenBy(b => b.Number.Length).ThenBy(b => b.Number), paging, ToDto, cancellationToken));
    }

    internal static async Task<Results<Ok<BuildingDto>, NotFound<ProblemDetails>>> GetBuildingAsync(
        Guid id, GridDbContext db, CancellationToken cancellationToken)
    {
        var building = await db.Buildings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        return building is null
            ? TypedResults.NotFound(Problems.NotFound("No such building.", $"There is no building {id}."))
            : TypedResults.Ok(ToDto(building));
    }

    private static CompoundDto ToDto(Compound c) => new(c.Id, c.Name, c.EnglishName);

    private static BuildingDto ToDto(Building b) => new(b.Id, b.CompoundId, b.Number, b.Floors, b.Latitude, b.Longitude, b.RegisteredAt);
}
