using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Registry;

/// <param name="Scope">What the consent covers, in the guardian's words (at most 500 characters).</param>
public sealed record GiveConsentRequest(string? Scope);

public sealed record ConsentDto(Guid Id, Guid ChildId, Guid GuardianId, string Scope, DateTimeOffset ConsentedAt, DateTimeOffset? WithdrawnAt);

/// <summary>A child's guardian consents: read and withdrawn by the guardian or staff (they are recorded when the child registers).</summary>
public static class ConsentsApi
{
    public static IEndpointRouteBuilder MapConsentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/volunteers/{id:guid}/consents", ConsentsAsync)
            .WithTags("Registry")
            .WithName("ListConsents")
            .WithSummary("A child's consent records (the guardian, or staff).");

        app.MapPost("/volunteers/{id:guid}/consents", GiveConsentAsync)
            .WithTags("Registry")
            .WithName("GiveConsent")
            .WithSummary("The child's guardian (or staff, who took it on paper) gives consent again after a withdrawal.");

        app.MapPost("/consents/{id:guid}/withdraw", WithdrawConsentAsync)
            .WithTags("Registry")
            .WithName("WithdrawConsent")
            .WithSummary("The guardian (or staff) withdraws consent: the child can sign up for nothing more and leaves the shifts not yet begun; their supervisors are told.");
        return app;
    }

    internal static async Task<Results<Ok<IReadOnlyList<ConsentDto>>, NotFound<ProblemDetails>, ForbidHttpResult>> ConsentsAsync(
        Guid id, VolunteersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var child = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (child is null)
        {
            return TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        if (!ConsentAccess.MayManage(await db.CallerAsync(caller, cancellationToken), child.GuardianId))
        {
            return TypedResults.Forbid();
        }

        var consents = await db.Consents.AsNoTracking().Where(c => c.ChildId == id).OrderBy(c => c.ConsentedAt)
            .Select(c => new ConsentDto(c.Id, c.ChildId, c.GuardianId, c.Scope, c.ConsentedAt, c.WithdrawnAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ConsentDto>>(consents);
    }

    internal static async Task<Results<Created<ConsentDto>, Ok<ConsentDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> GiveConsentAsync(
        Guid id, GiveConsentRequest body, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("scope", body.Scope, 500);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var child = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (child is null || child.GuardianId is not { } guardianId)
        {
            return TypedResults.NotFound(Problems.NotFound("No such child.", $"There is no volunteer {id} registered with a guardian."));
        }

        if (!ConsentAccess.MayManage(await db.CallerAsync(caller, cancellationToken), guardianId))
        {
            return TypedResults.Forbid();
        }

        // Consent already in force: giving it again changes nothing.
        if (await db.Consents.AsNoTracking().FirstOrDefaultAsync(c => c.ChildId == id && c.WithdrawnAt == null, cancellationToken) is { } standing)
        {
            return TypedResults.Ok(ToDto(standing));
        }

        var consent = new GuardianConsent
        {
            Id = Guid.CreateVersion7(),
            ChildId = id,
            GuardianId = guardianId,
            Scope = body.Scope!.Trim(),
            RecordedBy = caller.Subject(),
            ConsentedAt = time.GetUtcNow(),
        };
        db.Consents.Add(consent);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/volunteers/{id}/consents", ToDto(consent));
    }

    internal static async Task<Results<Ok<ConsentDto>, NotFound<ProblemDetails>, ForbidHttpResult>> WithdrawConsentAsync(
        Guid id, VolunteersDbContext db, ConsentWithdrawal withdrawal, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var consent = await db.Consents.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consent is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such consent.", $"There is no consent {id}."));
        }

        if (!ConsentAccess.MayManage(await db.CallerAsync(caller, cancellationToken), consent.GuardianId))
        {
            return TypedResults.Forbid();
        }

        return TypedResults.Ok(ToDto(await withdrawal.WithdrawAsync(consent.Id, cancellationToken)));
    }

    private static ConsentDto ToDto(GuardianConsent c) => new(c.Id, c.ChildId, c.GuardianId, c.Scope, c.ConsentedAt, c.WithdrawnAt);
}
