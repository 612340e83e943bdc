using System.Security.Claims;
using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Community.Services.Grid.Places;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Consents;

/// <param name="ActorAccountId">The account of the person allowed to act (a grid worker, staff member or relative).</param>
/// <param name="Purpose"><c>activities</c>: register for activities, accept offers, cancel.</param>
/// <param name="GivenHow">How the resident gave it, in a few words.</param>
/// <param name="ValidUntil">When it ends on its own (at most a year ahead).</param>
public sealed record RecordActingConsentRequest(Guid? ActorAccountId, string? Purpose, string? GivenHow, DateTimeOffset? ValidUntil);

/// <param name="ResidentName">The resident's name, for the person allowed to act (who may not otherwise read the record).</param>
public sealed record ActingConsentDto(
    Guid Id, Guid ResidentId, Guid ActorAccountId, string Purpose, string GivenHow, DateTimeOffset ValidUntil,
    string RecordedBy, DateTimeOffset RecordedAt, DateTimeOffset? WithdrawnAt, string? WithdrawnBy, bool Holds, string? ResidentName = null);

/// <summary>
/// Consents to act on a resident's behalf. Recorded by the resident themselves (or their guardian), their grid
/// team or staff; seen by the same people and by the person allowed to act; withdrawn by any of them. Every change
/// is announced (<c>ActingConsentChanged</c>) so the services that act on someone's behalf check it before they act.
/// </summary>
public static class ActingConsentsApi
{
    public static IEndpointRouteBuilder MapActingConsentsApi(this IEndpointRouteBuilder app)
    {
        var consents = app.MapGroup("").WithTags("Acting on behalf");
        consents.MapPost("/residents/{id:guid}/acting-consents", RecordAsync).WithName("RecordActingConsent")
            .WithSummary("Records a resident's consent that a named person may act for them (renewing one that stands).");
        consents.MapGet("/residents/{id:guid}/acting-consents", ListAsync).WithName("ListActingConsents")
            .WithSummary("Who may act, or did, for a resident: the resident, their guardian, their grid team and staff.");
        consents.MapGet("/acting-consents/mine", MineAsync).WithName("ListMyActingConsents")
            .WithSummary("The consents that allow the caller to act for someone.");
        consents.MapPost("/acting-consents/{id:guid}/withdraw", WithdrawAsync).WithName("WithdrawActingConsent")
            .WithSummary("Withdraws a consent from now on; what was done before stays, with who did it.");
        return app;
    }

    internal static async Task<Results<Created<ActingConsentDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> RecordAsync(
        Guid id, RecordActingConsentRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new FieldErrors().Require("givenHow", request.GivenHow, ActingConsentRules.MaxHowLength).OneOf("purpose", request.Purpose, ActingPurposes.All);
        if (request.ActorAccountId is not { } actor || actor == Guid.Empty)
        {
            errors.Add("actorAccountId", "is required: the account of the person who may act.");
        }

        if (request.ValidUntil is not { } until || until <= now || until > now + ActingConsentRules.LongestValidity)
        {
            errors.Add("validUntil", "must be in the future and at most a year ahead.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (resident is null)
        {
            return PeopleProblems.NoSuchResident(id);
        }

        if (!await MayManageAsync(db, caller, resident, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        if (resident.AccountId == request.ActorAccountId)
        {
            return new FieldErrors().Add("actorAccountId", "is the resident's own account: nobody needs consent to act for themselves.").ToProblem();
        }

        // Recording it again while one stands renews it: the old one ends now, the new one stands.
        var standing = await db.ActingConsents.Where(c => c.ResidentId == id && c.ActorAccountId == request.ActorAccountId && c.Purpose == request.Purpose && c.WithdrawnAt == null)
            .ToListAsync(cancellationToken);
        foreach (var old in standing)
        {
            old.WithdrawnAt = now;
            old.WithdrawnBy = "renewed";
            Announce(db, old, now);
        }

        var consent = new ActingConsent
        {
            Id = Guid.CreateVersion7(), ResidentId = id, ActorAccountId = request.ActorAccountId!.Value, Purpose = request.Purpose!,
            GivenHow = request.GivenHow!.Trim(), ValidUntil = request.ValidUntil!.Value, RecordedBy = caller.AuditActor(), RecordedAt = now,
        };
        db.ActingConsents.Add(consent);
        Announce(db, consent, now);
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("Recorded at the same moment.",
                "The same consent was being recorded at the same time; look at the resident's consents.", ProblemTypes.Duplicate));
        }

        return TypedResults.Created($"/residents/{id}/acting-consents", ToDto(consent, now));
    }

    internal static async Task<Results<Ok<IReadOnlyList<ActingConsentDto>>, NotFound<ProblemDetails>, ForbidHttpResult>> ListAsync(
        Guid id, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (resident is null)
        {
            return PeopleProblems.NoSuchResident(id);
        }

        if (!await MayManageAsync(db, caller, resident, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var now = time.GetUtcNow();
        var consents = await db.ActingConsents.AsNoTracking().Where(c => c.ResidentId == id).OrderByDescending(c => c.RecordedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ActingConsentDto>>(consents.Select(c => ToDto(c, now)).ToList());
    }

    internal static async Task<Ok<IReadOnlyList<ActingConsentDto>>> MineAsync(
        GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var account = Guid.TryParse(caller.Subject(), out var id) ? id : Guid.Empty;
        var consents = await db.ActingConsents.AsNoTracking().Where(c => c.ActorAccountId == account && c.WithdrawnAt == null && c.ValidUntil > now)
            .Join(db.Residents.AsNoTracking(), c => c.ResidentId, r => r.Id, (c, r) => new { Consent = c, r.Name })
            .OrderBy(x => x.Consent.ValidUntil).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ActingConsentDto>>(consents.Select(x => ToDto(x.Consent, now) with { ResidentName = x.Name }).ToList());
    }

    internal static async Task<Results<Ok<ActingConsentDto>, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> WithdrawAsync(
        Guid id, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var consent = await db.ActingConsents.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consent is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such consent.", $"There is no consent {id}."));
        }

        var resident = await db.Residents.AsNoTracking().FirstAsync(r => r.Id == consent.ResidentId, cancellationToken);
        if (!caller.IsSubject(consent.ActorAccountId) && !await MayManageAsync(db, caller, resident, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var now = time.GetUtcNow();
        if (consent.WithdrawnAt is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("Already withdrawn.", "This consent was withdrawn before.", ProblemTypes.Conflict));
        }

        consent.WithdrawnAt = now;
        consent.WithdrawnBy = caller.AuditActor();
        Announce(db, consent, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToDto(consent, now));
    }

    /// <summary>The resident (or their guardian), by the record linked to their account; their grid team; staff.</summary>
    private static async Task<bool> MayManageAsync(GridDbContext db, ClaimsPrincipal caller, Resident resident, CancellationToken cancellationToken)
    {
        if ((await db.LinksAsync(caller, cancellationToken)).SpeaksFor(resident))
        {
            return true;
        }

        var building = await db.Households.AsNoTracking().Where(h => h.Id == resident.HouseholdId).Select(h => h.BuildingId).FirstAsync(cancellationToken);
        return await db.MayWorkOnBuildingAsync(caller, building, cancellationToken);
    }

    private static void Announce(GridDbContext db, ActingConsent consent, DateTimeOffset now) => consent.Announce(db, now);

    private static ActingConsentDto ToDto(ActingConsent c, DateTimeOffset now) => new(
        c.Id, c.ResidentId, c.ActorAccountId, c.Purpose, c.GivenHow, c.ValidUntil, c.RecordedBy, c.RecordedAt, c.WithdrawnAt, c.WithdrawnBy, c.HoldsAt(now));
}
