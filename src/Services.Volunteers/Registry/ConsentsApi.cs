using System.Security.Claims;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Registry;

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

        app.MapPost("/consents/{id:guid}/withdraw", WithdrawConsentAsync)
            .WithTags("Registry")
            .WithName("WithdrawConsent")
            .WithSummary("The guardian (or staff) withdraws consent: the child can sign up for nothing more.");
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

    internal static async Task<Results<Ok<ConsentDto>, NotFound<ProblemDetails>, ForbidHttpResult>> WithdrawConsentAsync(
        Guid id, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var consent = await db.Consents.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consent is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such consent.", $"There is no consent {id}."));
        }

        if (!ConsentAccess.MayManage(await db.CallerAsync(caller, cancellationToken), consent.GuardianId))
        {
            return TypedResults.Forbid();
        }

        consent.WithdrawnAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ConsentDto(consent.Id, consent.ChildId, consent.GuardianId, consent.Scope, consent.ConsentedAt, consent.WithdrawnAt));
    }
}
