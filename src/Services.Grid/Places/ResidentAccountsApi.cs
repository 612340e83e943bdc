using System.Security.Claims;
using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Places;

/// <summary>A resident's record and the account they sign in with: linked by staff, found again as "me".</summary>
public static class ResidentAccountsApi
{
    public const string AccountLinkedElsewhereType = ProblemTypes.Base + "account-linked-elsewhere";

    public static IEndpointRouteBuilder MapResidentAccountsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/residents/me", MeAsync).WithTags("Households").WithName("GetMyResidentRecord")
            .WithSummary("The resident record linked to the caller's account.");
        app.MapPut("/residents/{id:guid}/account", LinkAsync).WithTags("Households").WithName("LinkResidentAccount")
            .WithSummary("Staff link a resident's record to the account they sign in with (one record per account, one account per record).")
            .RequireAuthorization(Policies.Staff);
        return app;
    }

    internal static async Task<Results<Ok<ResidentDto>, NotFound<ProblemDetails>>> MeAsync(GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var me = await db.LinksAsync(caller, cancellationToken);
        var resident = me.ResidentId is { } id ? await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) : null;
        return resident is null
            ? TypedResults.NotFound(Problems.NotFound("No resident record.",
                "No resident record is linked to your account: ask your grid team or the service station to link it."))
            : TypedResults.Ok(ResidentDtos.ToDto(resident, true, ResidentDtos.NoTags));
    }

    internal static async Task<Results<Ok<ResidentDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> LinkAsync(
        Guid id, LinkResidentAccountRequest request, GridDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.AccountId is not { } account || account == Guid.Empty)
        {
            return new FieldErrors().Add("accountId", "is required.").ToProblem();
        }

        // Under the record's lock (ResidentRecords says why): two links at once to two accounts both found it
        // free, and the copies in other services could follow the other one.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var resident = await db.Residents.LockedAsync(r => r.Id, id, cancellationToken);
        if (resident is null)
        {
            return PeopleProblems.NoSuchResident(id);
        }

        if (resident.AccountId is { } linked && linked != account)
        {
            return TypedResults.Conflict(Problems.Conflict("The record has an account.",
                "This resident's record is linked to another account; a record belongs to one person.", AccountLinkedElsewhereType));
        }

        resident.AccountId = account;
        var buildingId = await db.Households.Where(h => h.Id == resident.HouseholdId).Select(h => h.BuildingId).FirstAsync(cancellationToken);
        ResidentRecords.Announce(db, resident, buildingId, time.GetUtcNow());
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("The account has a record.",
                "This account is already linked to another resident's record; an account belongs to one person.", AccountLinkedElsewhereType));
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ResidentDtos.ToDto(resident, true, ResidentDtos.NoTags));
    }
}
