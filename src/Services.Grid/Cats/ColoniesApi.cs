using System.Security.Claims;
using Community.Persistence;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Requests;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Cats;

/// <summary>Cat colonies: recorded where they live, their cats added, and the stray-animals complaints about them linked.</summary>
public static class ColoniesApi
{
    public static IEndpointRouteBuilder MapColoniesApi(this IEndpointRouteBuilder app)
    {
        var colonies = app.MapGroup("/colonies").WithTags("Cats").RequireAuthorization(Policies.Workers);
        colonies.MapPost("/", CreateAsync).WithName("CreateColony")
            .WithSummary("Records a cat colony by a building (its grid's team or staff), in a compound or at a described spot (staff).");
        colonies.MapGet("/", ListAsync).WithName("ListColonies").WithSummary("The colonies the caller works (a grid worker's: by their grids' buildings), by name.");
        colonies.MapGet("/{id:guid}", GetAsync).WithName("GetColony")
            .WithSummary("A colony's cats, feeding stations with their caretakers, and linked complaints (staff and the colony's grid team).");
        colonies.MapPost("/{id:guid}/cats", RecordCatAsync).WithName("RecordCat")
            .WithSummary("Adds a new cat to the colony, or (catId) an archived cat that is back; a cat still in a colony is refused (409): move it.");
        colonies.MapPost("/{id:guid}/complaints", LinkComplaintAsync).WithName("LinkColonyComplaint")
            .WithSummary("Links a stray-animals request to the colony it is about; a request is about one colony.");
        return app;
    }

    internal static async Task<Results<Created<ColonyDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> CreateAsync(
        CreateColonyRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = CatRules.CheckColony(request);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (request.CompoundId is { } compoundId && !await db.Compounds.AnyAsync(c => c.Id == compoundId, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such compound.", $"There is no compound {compoundId}."));
        }

        var now = time.GetUtcNow();
        var by = caller.AuditActor();
        Colony colony;
        if (request.Place == ColonyPlaces.Building)
        {
            var building = await db.Buildings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == request.BuildingId, cancellationToken);
            if (building is null)
            {
                return TypedResults.NotFound(Problems.NotFound("No such building.", $"There is no building {request.BuildingId}."));
            }

            colony = Colony.AtBuilding(request.Name!, building, by, now);
        }
        else
        {
            colony = request.Place == ColonyPlaces.Compound
                ? Colony.InCompound(request.Name!, request.CompoundId!.Value, by, now)
                : Colony.AtSpot(request.Name!, request.Spot!, request.CompoundId, by, now);
        }

        if (!await db.MayWorkOnColonyAsync(caller, colony, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        db.Colonies.Add(colony);
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return CatProblems.NameTaken(colony.Name);
        }

        return TypedResults.Created($"/colonies/{colony.Id}", await db.ColonyAsync(colony, cancellationToken));
    }

    internal static async Task<Results<Ok<Page<ColonySummaryDto>>, ValidationProblem>> ListAsync(
        int? page, int? pageSize, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var colonies = await (await db.WorkedColoniesAsync(caller, cancellationToken)).ToPageAsync(q => q.OrderBy(c => c.Name).ThenBy(c => c.Id), paging, c => c, cancellationToken);
        var ids = colonies.Items.Select(c => c.Id).ToList();
        var cats = await db.CatStays.AsNoTracking().Where(s => ids.Contains(s.ColonyId) && s.Until == null).GroupBy(s => s.ColonyId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var stations = await db.FeedingStations.AsNoTracking().Where(s => ids.Contains(s.ColonyId)).GroupBy(s => s.ColonyId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return TypedResults.Ok(new Page<ColonySummaryDto>(
            colonies.Items.Select(c => new ColonySummaryDto(c.Id, c.Name, c.Place, c.CompoundId, c.BuildingId, c.Spot, cats.GetValueOrDefault(c.Id), stations.GetValueOrDefault(c.Id))).ToList(),
            colonies.PageNumber, colonies.PageSize, colonies.Total));
    }

    internal static async Task<Results<Ok<ColonyDto>, NotFound<ProblemDetails>, ForbidHttpResult>> GetAsync(
        Guid id, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var colony = await db.Colonies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (colony is null)
        {
            return CatProblems.NoSuchColony(id);
        }

        return await db.MayWorkOnColonyAsync(caller, colony, cancellationToken) ? TypedResults.Ok(await db.ColonyAsync(colony, cancellationToken)) : TypedResults.Forbid();
    }

    internal static async Task<Results<Created<CatDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> RecordCatAsync(
        Guid id, RecordCatRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = Neighbourhood.Today(now);
        var errors = request.CatId is null ? CatRules.CheckNewCat(request, today) : CatRules.CheckReturn(request);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var colony = await db.Colonies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (colony is null)
        {
            return CatProblems.NoSuchColony(id);
        }

        if (!await db.MayWorkOnColonyAsync(caller, colony, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        if (request.CatId is { } catId)
        {
            if (!await db.Cats.AnyAsync(c => c.Id == catId, cancellationToken))
            {
                return CatProblems.NoSuchCat(catId);
            }

            // Bringing a cat back takes it from the colony it left, as a move does: the caller works both (checked again
            // under the cat's lock: if it changed meanwhile, a conflict). Before, a grid worker of one grid could take
            // over another grid's archived cat.
            var left = await db.LatestStayAsync(catId, cancellationToken);
            if (left is not null && left.ColonyId != id
                && !await db.MayWorkOnColonyAsync(caller, await db.Colonies.AsNoTracking().SingleAsync(c => c.Id == left.ColonyId, cancellationToken), cancellationToken))
            {
                return TypedResults.Forbid();
            }

            switch (await db.ReturnAsync(catId, left?.ColonyId, id, now, cancellationToken))
            {
                case Placement.Deceased:
                    return CatProblems.IsDeceased();
                case Placement.InAnotherColony:
                    return CatProblems.InAColony();
            }

            return TypedResults.Created($"/cats/{catId}", await db.CatAsync(catId, cancellationToken));
        }

        var by = caller.AuditActor();
        var cat = Cat.Record(new CatDetails(request.Name!, request.Description, request.PhotoRef, request.Sex!), request.NeuteredOn,
            request.EarTipped ?? request.NeuteredOn is not null, today, by, now);
        db.Cats.Add(cat);
        db.CatStays.Add(CatStay.Begin(cat.Id, id, now));
        db.CatVaccinations.AddRange((request.Vaccinations ?? []).DistinctBy(v => (v.Vaccine!.Trim(), v.GivenOn))
            .Select(v => CatVaccination.Record(cat.Id, v.Vaccine!, v.GivenOn!.Value, by)));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/cats/{cat.Id}", await db.CatAsync(cat.Id, cancellationToken));
    }

    internal static async Task<Results<Created<ComplaintDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> LinkComplaintAsync(
        Guid id, LinkComplaintRequest body, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (body.RequestId is not { } requestId || requestId == Guid.Empty)
        {
            return new FieldErrors().Add("requestId", "is required.").ToProblem();
        }

        var colony = await db.Colonies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (colony is null)
        {
            return CatProblems.NoSuchColony(id);
        }

        if (!await db.MayWorkOnColonyAsync(caller, colony, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var (request, relation) = await db.LoadAsync(requestId, caller, RequestLoad.Read, cancellationToken);
        if (request is null)
        {
            return RequestProblems.NotFound(requestId);
        }

        if (!relation.Works())
        {
            return TypedResults.Forbid();
        }

        if (request.Category != RequestCategories.StrayAnimals)
        {
            return new FieldErrors().Add("requestId", $"must be a {RequestCategories.StrayAnimals} request; this one is {request.Category}.").ToProblem();
        }

        var now = time.GetUtcNow();
        var complaint = ColonyComplaint.Link(id, request, caller.AuditActor(), now);
        db.ColonyComplaints.Add(complaint);
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            var linked = await db.ColonyComplaints.AsNoTracking().Where(c => c.RequestId == requestId).Select(c => c.ColonyId).FirstAsync(cancellationToken);
            return TypedResults.Conflict(Problems.Conflict("The request is already linked.",
                linked == id ? "It is already linked to this colony." : $"It is linked to colony {linked}; a request is about one colony.", ProblemTypes.Duplicate));
        }

        return TypedResults.Created($"/colonies/{id}", new ComplaintDto(request.Id, request.Status, request.ReportedAt, complaint.LinkedAt));
    }
}
