using System.Security.Claims;
using Community.Persistence;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Cats;

/// <summary>
/// The cat archive (喵档案, story 5): colonies, their cats, feeding stations and caretakers, linked complaints, the
/// monthly report, and the public cat street. One cat's record: its details, TNR, vaccinations, leaving, moving.
/// </summary>
public static class CatsApi
{
    /// <summary>Every endpoint of the cat archive.</summary>
    public static IEndpointRouteBuilder MapCatsApi(this IEndpointRouteBuilder app)
    {
        app.MapColoniesApi();
        app.MapFeedingStationsApi();
        app.MapCatReportsApi();
        app.MapCatStreetApi();

        var cats = app.MapGroup("/cats/{id:guid}").WithTags("Cats").RequireAuthorization(Policies.Workers);
        cats.MapGet("/", GetAsync).WithName("GetCat").WithSummary("A cat's record (staff and the grid team of its colony).");
        cats.MapPut("/", DescribeAsync).WithName("DescribeCat").WithSummary("Changes a cat's name, description, photo reference and sex.");
        cats.MapPost("/neutering", NeuterAsync).WithName("RecordNeutering").WithSummary("Records (or corrects) the day the cat was neutered, and its ear-tip.");
        cats.MapPost("/vaccinations", VaccinateAsync).WithName("RecordVaccination").WithSummary("Records a vaccination; the same vaccine on the same day twice is refused (409).");
        cats.MapPost("/status", LeaveAsync).WithName("RecordCatLeaving")
            .WithSummary("The cat was adopted, moved away or died, on a day: it leaves its colony and stays in the archive.");
        cats.MapPost("/move", MoveAsync).WithName("MoveCat")
            .WithSummary("Moves the cat to another colony (the caller works both); a cat is in one colony at a time.");
        return app;
    }

    internal static async Task<Results<Ok<CatDto>, NotFound<ProblemDetails>, ForbidHttpResult>> GetAsync(
        Guid id, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (cat, _, mayWork) = await db.LoadCatAsync(id, caller, track: false, cancellationToken);
        return cat is null ? CatProblems.NoSuchCat(id) : mayWork ? TypedResults.Ok(await db.CatAsync(id, cancellationToken)) : TypedResults.Forbid();
    }

    internal static async Task<Results<Ok<CatDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> DescribeAsync(
        Guid id, DescribeCatRequest request, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = CatRules.CheckDetails(request.Name, request.Description, request.PhotoRef, request.Sex);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (cat, _, mayWork) = await db.LoadCatAsync(id, caller, track: true, cancellationToken);
        if (cat is null)
        {
            return CatProblems.NoSuchCat(id);
        }

        if (!mayWork)
        {
            return TypedResults.Forbid();
        }

        cat.Describe(new CatDetails(request.Name!, request.Description, request.PhotoRef, request.Sex!));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await db.CatAsync(id, cancellationToken));
    }

    internal static async Task<Results<Ok<CatDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> NeuterAsync(
        Guid id, NeuteringRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var today = Neighbourhood.Today(time.GetUtcNow());
        var errors = CatRules.CheckNeutering(request, today);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (cat, _, mayWork) = await db.LoadCatAsync(id, caller, track: true, cancellationToken);
        if (cat is null)
        {
            return CatProblems.NoSuchCat(id);
        }

        if (!mayWork)
        {
            return TypedResults.Forbid();
        }

        cat.Neuter(request.NeuteredOn!.Value, request.EarTipped ?? true, today);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await db.CatAsync(id, cancellationToken));
    }

    internal static async Task<Results<Created<CatDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> VaccinateAsync(
        Guid id, VaccinationRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = CatRules.CheckVaccination(new FieldErrors(), request, Neighbourhood.Today(time.GetUtcNow()));
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (cat, _, mayWork) = await db.LoadCatAsync(id, caller, track: false, cancellationToken);
        if (cat is null)
        {
            return CatProblems.NoSuchCat(id);
        }

        if (!mayWork)
        {
            return TypedResults.Forbid();
        }

        db.CatVaccinations.Add(CatVaccination.Record(id, request.Vaccine!, request.GivenOn!.Value, caller.AuditActor()));
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("Already recorded.", "This vaccination on this day is in the cat's record.", ProblemTypes.Duplicate));
        }

        return TypedResults.Created($"/cats/{id}", await db.CatAsync(id, cancellationToken));
    }

    internal static async Task<Results<Ok<CatDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> LeaveAsync(
        Guid id, CatStatusRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var today = Neighbourhood.Today(time.GetUtcNow());
        var errors = CatRules.CheckLeaving(request, today);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (cat, stay, mayWork) = await db.LoadCatAsync(id, caller, track: false, cancellationToken);
        if (cat is null)
        {
            return CatProblems.NoSuchCat(id);
        }

        if (!mayWork)
        {
            return TypedResults.Forbid();
        }

        var on = request.On ?? today;
        if (on < Neighbourhood.Today(stay!.From))
        {
            return new FieldErrors().Add("on", $"must not be before the cat came to its colony ({Neighbourhood.Today(stay.From):yyyy-MM-dd}).").ToProblem();
        }

        return await db.LeaveAsync(id, stay.ColonyId, request.Status!, on, cancellationToken) switch
        {
            Placement.Done => TypedResults.Ok(await db.CatAsync(id, cancellationToken)),
            Placement.NotInColony => CatProblems.NotInAColony(),
            _ => CatProblems.MovedMeanwhile(),
        };
    }

    internal static async Task<Results<Ok<CatDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> MoveAsync(
        Guid id, MoveCatRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (request.ColonyId is not { } to || to == Guid.Empty)
        {
            return new FieldErrors().Add("colonyId", "is required: the colony the cat moves to.").ToProblem();
        }

        var (cat, stay, mayWork) = await db.LoadCatAsync(id, caller, track: false, cancellationToken);
        if (cat is null)
        {
            return CatProblems.NoSuchCat(id);
        }

        var target = await db.Colonies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == to, cancellationToken);
        if (target is null)
        {
            return CatProblems.NoSuchColony(to);
        }

        if (!mayWork || !await db.MayWorkOnColonyAsync(caller, target, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        if (stay!.ColonyId == to && stay.Until is null)
        {
            return new FieldErrors().Add("colonyId", "is the colony the cat is in already.").ToProblem();
        }

        return await db.MoveAsync(id, stay.ColonyId, to, time.GetUtcNow(), cancellationToken) switch
        {
            Placement.Done => TypedResults.Ok(await db.CatAsync(id, cancellationToken)),
            Placement.NotInColony => CatProblems.NotInAColony(),
            _ => CatProblems.MovedMeanwhile(),
        };
    }
}
