using System.Security.Claims;
using Community.Persistence;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.ServiceDefaults.Privacy;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Places;

/// <summary>Households and residents: the grid's most personal data, so every read checks who is asking.</summary>
public static class PeopleApi
{

    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/households", CreateHouseholdAsync).WithTags("Households").WithName("CreateHousehold")
            .WithSummary("Adds a household (unit) to a building: staff, or the building's grid team.").RequireAuthorization(Policies.Workers);
        app.MapGet("/households/{id:guid}", GetHouseholdAsync).WithTags("Households").WithName("GetHousehold")
            .WithSummary("A household and its residents: staff, the grid team, or a resident of the household. Showing sensitive tags is logged with the purpose.");
        app.MapGet("/buildings/{id:guid}/households", ListHouseholdsAsync).WithTags("Households").WithName("ListHouseholds")
            .WithSummary("A building's households (those moved out left out): staff and the building's grid team. Showing sensitive tags is logged with the purpose.").RequireAuthorization(Policies.Workers);
        app.MapPost("/households/{id:guid}/residents", AddResidentAsync).WithTags("Households").WithName("AddResident")
            .WithSummary("Adds a resident; a child under 14 needs a guardian (an adult resident).").RequireAuthorization(Policies.Workers);
        app.MapGet("/residents/{id:guid}", GetResidentAsync).WithTags("Households").WithName("GetResident")
            .WithSummary("One resident: staff, the grid team, the resident themselves or their guardian. Showing sensitive tags is logged with the purpose.");
        app.MapPost("/residents/{id:guid}/tags", RecordTagAsync).WithTags("Households").WithName("RecordSensitiveTag")
            .WithSummary("Keeps a sensitive tag with the resident's recorded consent.").RequireAuthorization(Policies.Workers);
        app.MapDelete("/residents/{id:guid}/tags/{tag}", WithdrawTagAsync).WithTags("Households").WithName("WithdrawSensitiveTag")
            .WithSummary("The resident withdraws consent: the tag is deleted.");
        return app;
    }

    internal static async Task<Results<Created<HouseholdDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> CreateHouseholdAsync(
        CreateHouseholdRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("unit", request.Unit, 20);
        if (request.BuildingId is null)
        {
            errors.Add("buildingId", "is required.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!await db.Buildings.AnyAsync(b => b.Id == request.BuildingId, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such building.", $"There is no building {request.BuildingId}."));
        }

        if (!await db.MayWorkOnBuildingAsync(caller, request.BuildingId!.Value, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var household = new Household { Id = Guid.CreateVersion7(), BuildingId = request.BuildingId!.Value, Unit = request.Unit!.Trim(), CreatedAt = time.GetUtcNow() };
        db.Households.Add(household);
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("The household exists.", $"The building already has unit {household.Unit}.", ProblemTypes.Duplicate));
        }

        return TypedResults.Created($"/households/{household.Id}", new HouseholdDto(household.Id, household.BuildingId, household.Unit, []));
    }

    internal static async Task<Results<Ok<HouseholdDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> GetHouseholdAsync(
        Guid id, string? purpose, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (SensitiveReads.CheckPurpose(purpose) is { Any: true } invalid)
        {
            return invalid.ToProblem();
        }

        var household = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null)
        {
            return PeopleProblems.NoSuchHousehold(id);
        }

        var residents = await db.Residents.AsNoTracking().Where(r => r.HouseholdId == id).OrderBy(r => r.BirthYear).ToListAsync(cancellationToken);
        var team = await db.MayWorkOnBuildingAsync(caller, household.BuildingId, cancellationToken);
        var me = await db.LinksAsync(caller, cancellationToken);
        var member = me.LivesIn(residents);
        if (!team && !member)
        {
            return TypedResults.Forbid();
        }

        var tags = team ? await db.ShowTagsAsync(residents.Select(r => r.Id), caller, purpose ?? "household record", time.GetUtcNow(), cancellationToken) : ResidentDtos.NoTags;
        return TypedResults.Ok(new HouseholdDto(household.Id, household.BuildingId, household.Unit,
            residents.Select(r => ResidentDtos.ToDto(r, team || me.ResidentId == r.Id, tags)).ToList(), household.MovedOutAt));
    }

    internal static async Task<Results<Ok<IReadOnlyList<HouseholdDto>>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> ListHouseholdsAsync(
        Guid id, string? purpose, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (SensitiveReads.CheckPurpose(purpose) is { Any: true } invalid)
        {
            return invalid.ToProblem();
        }

        if (!await db.Buildings.AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such building.", $"There is no building {id}."));
        }

        if (!await db.MayWorkOnBuildingAsync(caller, id, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var households = await db.Households.AsNoTracking().Where(h => h.BuildingId == id && h.MovedOutAt == null).OrderBy(h => h.Unit).ToListAsync(cancellationToken);
        var ids = households.Select(h => h.Id).ToList();
        var residents = await db.Residents.AsNoTracking().Where(r => ids.Contains(r.HouseholdId) && r.MovedOutAt == null).ToListAsync(cancellationToken);
        var tags = await db.ShowTagsAsync(residents.Select(r => r.Id), caller, purpose ?? "building's households", time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<HouseholdDto>>(households.Select(h => new HouseholdDto(h.Id, h.BuildingId, h.Unit,
            residents.Where(r => r.HouseholdId == h.Id).OrderBy(r => r.BirthYear).Select(r => ResidentDtos.ToDto(r, true, tags)).ToList())).ToList());
    }

    internal static async Task<Results<Created<ResidentDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> AddResidentAsync(
        Guid id, AddResidentRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var year = Neighbourhood.Today(now).Year;
        var errors = new FieldErrors().Require("name", request.Name, ResidentRules.MaxNameLength);
        if (request.BirthYear is not { } birthYear || birthYear < 1900 || birthYear > year)
        {
            errors.Add("birthYear", "must be a year between 1900 and this year.");
        }

        if (request.Phone is not null && !PhoneNumbers.IsValidMobile(request.Phone))
        {
            errors.Add("phone", "must be an 11-digit mobile number starting with 1.");
        }

        var child = request.BirthYear is { } born && ResidentRules.IsChild(born, year);
        if (child && request.GuardianId is null)
        {
            errors.Add("guardianId", "a resident under 14 must be linked to a guardian.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // The household held shared until the resident is added: its moving out (which locks it) is seen, or waits.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var household = await db.Households.HeldAsync(h => h.Id, id, cancellationToken);
        if (household is null)
        {
            return PeopleProblems.NoSuchHousehold(id);
        }

        if (!await db.MayWorkOnBuildingAsync(caller, household.BuildingId, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        if (household.MovedOutAt is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("The household moved out.",
                $"Household {household.Unit} moved out on {household.MovedOutAt:yyyy-MM-dd}; add the people living there now as a new household."));
        }

        if (request.GuardianId is { } guardianId)
        {
            // Held shared until the child is in: a correction of the guardian's birth year (which locks the record)
            // waits and then sees the child, or this reads the corrected year.
            var guardian = await db.Residents.HeldAsync(r => r.Id, guardianId, cancellationToken);
            if (guardian is null || !ResidentRules.IsAdult(guardian.BirthYear, year))
            {
                return new FieldErrors().Add("guardianId", "must be an adult resident.").ToProblem();
            }
        }

        var resident = new Resident
        {
            Id = Guid.CreateVersion7(), HouseholdId = id, Name = request.Name!.Trim(), BirthYear = request.BirthYear!.Value,
            Phone = request.Phone, GuardianId = request.GuardianId, CreatedAt = now,
        };
        db.Residents.Add(resident);
        ResidentRecords.Announce(db, resident, household.BuildingId, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/residents/{resident.Id}", ResidentDtos.ToDto(resident, true, ResidentDtos.NoTags));
    }

    internal static async Task<Results<Ok<ResidentDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> GetResidentAsync(
        Guid id, string? purpose, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (SensitiveReads.CheckPurpose(purpose) is { Any: true } invalid)
        {
            return invalid.ToProblem();
        }

        var found = await db.FindResidentAsync(id, cancellationToken);
        if (found is null)
        {
            return PeopleProblems.NoSuchResident(id);
        }

        var (resident, buildingId) = found.Value;
        var team = await db.MayWorkOnBuildingAsync(caller, buildingId, cancellationToken);
        var self = (await db.LinksAsync(caller, cancellationToken)).SpeaksFor(resident);
        if (!team && !self)
        {
            return TypedResults.Forbid();
        }

        var tags = team ? await db.ShowTagsAsync([resident.Id], caller, purpose ?? "resident record", time.GetUtcNow(), cancellationToken) : ResidentDtos.NoTags;
        return TypedResults.Ok(ResidentDtos.ToDto(resident, true, tags));
    }

    internal static async Task<Results<Ok<ResidentDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> RecordTagAsync(
        Guid id, RecordTagRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("consent", request.Consent, 200).OneOf("tag", request.Tag, SensitiveTags.All);

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var found = await db.FindResidentAsync(id, cancellationToken);
        if (found is null)
        {
            return PeopleProblems.NoSuchResident(id);
        }

        if (!await db.MayWorkOnBuildingAsync(caller, found.Value.BuildingId, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        if (!await db.ResidentTags.AnyAsync(t => t.ResidentId == id && t.Tag == request.Tag, cancellationToken))
        {
            db.ResidentTags.Add(new ResidentTag
            {
                ResidentId = id, Tag = request.Tag!, Consent = request.Consent!.Trim(), RecordedBy = caller.Subject(), ConsentedAt = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(ResidentDtos.ToDto(found.Value.Resident, true, await db.ShowTagsAsync([id], caller, "recording a sensitive tag", time.GetUtcNow(), cancellationToken)));
    }

    internal static async Task<Results<NoContent, NotFound<ProblemDetails>, ForbidHttpResult>> WithdrawTagAsync(
        Guid id, string tag, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var found = await db.FindResidentAsync(id, cancellationToken);
        if (found is null)
        {
            return PeopleProblems.NoSuchResident(id);
        }

        var self = (await db.LinksAsync(caller, cancellationToken)).SpeaksFor(found.Value.Resident);
        if (!self && !await db.MayWorkOnBuildingAsync(caller, found.Value.BuildingId, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        await db.ResidentTags.Where(t => t.ResidentId == id && t.Tag == tag).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }



}
