using Community.Persistence;
using System.Security.Claims;
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

/// <summary>
/// A resident's record over time: corrected by the resident or the people who keep it, moved out when people
/// leave (kept for what refers to it, out of the visit lists), and the log of who was shown its sensitive tags.
/// </summary>
public static class ResidentChangesApi
{
    public static IEndpointRouteBuilder MapResidentChangesApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/residents/{id:guid}", CorrectAsync).WithTags("Households").WithName("CorrectResident")
            .WithSummary("Corrects a resident's name or phone (the resident, their guardian, the grid team or staff) or birth year (the team or staff). Announced to the services that keep a copy.");
        app.MapPost("/residents/{id:guid}/move-out", MoveResidentOutAsync).WithTags("Households").WithName("MoveResidentOut")
            .WithSummary("Records that a resident left (the record stays for what refers to it; out of the household's lists): staff or the grid team.")
            .RequireAuthorization(Policies.Workers);
        app.MapPost("/households/{id:guid}/move-out", MoveHouseholdOutAsync).WithTags("Households").WithName("MoveHouseholdOut")
            .WithSummary("Records that a household moved out, with all its residents: out of the building's list, the visit lists and coverage. Staff or the grid team.")
            .RequireAuthorization(Policies.Workers);
        app.MapGet("/residents/{id:guid}/tag-reads", TagReadsAsync).WithTags("Households").WithName("SensitiveTagReads")
            .WithSummary("Who was shown the resident's sensitive tags, when and why: the resident themselves (or their guardian) and staff.");
        return app;
    }

    internal static async Task<Results<Ok<ResidentDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> CorrectAsync(
        Guid id, CorrectResidentRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new FieldErrors().Optional("name", request.Name, ResidentRules.MaxNameLength);
        if (request.Name is not null && string.IsNullOrWhiteSpace(request.Name))
        {
            errors.Add("name", "must not be empty.");
        }

        if (request.BirthYear is { } year && (year < 1900 || year > Neighbourhood.Today(now).Year))
        {
            errors.Add("birthYear", "must be a year between 1900 and this year.");
        }

        if (request.Phone is not null && !PhoneNumbers.IsValidMobile(request.Phone))
        {
            errors.Add("phone", "must be an 11-digit mobile number starting with 1.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var found = await db.FindResidentAsync(id, cancellationToken);
        if (found is null)
        {
            return PeopleProblems.NoSuchResident(id);
        }

        var (_, buildingId) = found.Value;
        var keeper = await db.MayWorkOnBuildingAsync(caller, buildingId, cancellationToken);
        if (!keeper && !(await db.LinksAsync(caller, cancellationToken)).SpeaksFor(found.Value.Resident))
        {
            return TypedResults.Forbid();
        }

        // The record is locked before its birth year is checked: a child added meanwhile with this resident as guardian
        // (which holds the guardian's row) is seen, or waits and then finds the corrected year. Before, both passed and
        // a child was left with a guardian under 18.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Residents.LockedAsync(r => r.Id, id, cancellationToken) is not { } resident)
        {
            return PeopleProblems.NoSuchResident(id);
        }

        // Age decides who may join age-limited activities and who needs a guardian: the resident corrects their name and
        // phone; the birth year is corrected by the people who keep the record, from a document.
        if (request.BirthYear is { } corrected && corrected != resident.BirthYear)
        {
            if (!keeper)
            {
                return new FieldErrors().Add("birthYear", "is corrected by the grid team or the service station (bring a document).").ToProblem();
            }

            var thisYear = Neighbourhood.Today(now).Year;
            if (ResidentRules.IsChild(corrected, thisYear) && resident.GuardianId is null)
            {
                return new FieldErrors().Add("birthYear", "would make the resident a child under 14 without a guardian; link a guardian first.").ToProblem();
            }

            if (!ResidentRules.IsAdult(corrected, thisYear) && await db.Residents.AnyAsync(r => r.GuardianId == id, cancellationToken))
            {
                return new FieldErrors().Add("birthYear", "would make a guardian of a child not an adult.").ToProblem();
            }
        }

        resident.Name = request.Name?.Trim() ?? resident.Name;
        resident.BirthYear = request.BirthYear ?? resident.BirthYear;
        resident.Phone = request.Phone ?? resident.Phone;
        // Activities puts the name on the door list, Notices addresses the person: their copies follow.
        ResidentRecords.Announce(db, resident, buildingId, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ResidentDtos.ToDto(resident, true, ResidentDtos.NoTags));
    }

    internal static async Task<Results<Ok<ResidentDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> MoveResidentOutAsync(
        Guid id, MoveOutRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("reason", request.Reason, 200);
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

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var resident = (await db.Residents.LockedAsync(r => r.Id, id, cancellationToken))!;
        var now = time.GetUtcNow();
        resident.MoveOut(request.Reason!.Trim(), now);
        // Activities and Notices keep a copy: the team stops acting for and reaching someone who left.
        ResidentRecords.Announce(db, resident, found.Value.BuildingId, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ResidentDtos.ToDto(resident, true, ResidentDtos.NoTags));
    }

    internal static async Task<Results<Ok<HouseholdDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> MoveHouseholdOutAsync(
        Guid id, MoveOutRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("reason", request.Reason, 200);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // The household's row, then its residents' in id order: a resident added meanwhile waits (adding one holds the
        // household), and a change to one of them is in the snapshot announced here, or comes after it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var household = await db.Households.LockedAsync(h => h.Id, id, cancellationToken);
        if (household is null)
        {
            return PeopleProblems.NoSuchHousehold(id);
        }

        if (!await db.MayWorkOnBuildingAsync(caller, household.BuildingId, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var residents = await db.Residents.FromSql($"SELECT * FROM residents WHERE household_id = {id} ORDER BY id FOR UPDATE").ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var reason = request.Reason!.Trim();
        household.MoveOut(residents, reason, now);
        foreach (var resident in residents)
        {
            ResidentRecords.Announce(db, resident, household.BuildingId, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new HouseholdDto(household.Id, household.BuildingId, household.Unit,
            residents.OrderBy(r => r.BirthYear).Select(r => ResidentDtos.ToDto(r, true, ResidentDtos.NoTags)).ToList(), household.MovedOutAt));
    }

    internal static async Task<Results<Ok<IReadOnlyList<SensitiveTagReadDto>>, NotFound<ProblemDetails>, ForbidHttpResult>> TagReadsAsync(
        Guid id, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var found = await db.FindResidentAsync(id, cancellationToken);
        if (found is null)
        {
            return PeopleProblems.NoSuchResident(id);
        }

        if (!caller.IsStaff() && !(await db.LinksAsync(caller, cancellationToken)).SpeaksFor(found.Value.Resident))
        {
            return TypedResults.Forbid();
        }

        var reads = await db.SensitiveTagReads.AsNoTracking().Where(r => r.ResidentId == id).OrderByDescending(r => r.ReadAt).ThenByDescending(r => r.Id).Take(500)
            .Select(r => new SensitiveTagReadDto(r.ReadBy, r.Purpose, r.ReadAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SensitiveTagReadDto>>(reads);
    }
}
