using System.Security.Claims;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Community.Services.Grid.Places;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Privacy;

public sealed record MyHouseholdDto(Guid Id, Guid BuildingId, string Unit, DateTimeOffset? MovedOutAt);

public sealed record MyTagDto(string Tag, string Consent, DateTimeOffset ConsentedAt);

public sealed record MyRequestDto(Guid Id, string Category, string Status, string Description, bool Anonymous, DateTimeOffset ReportedAt, DateTimeOffset? ClosedAt);

public sealed record MyActingConsentDto(Guid Id, Guid ActorAccountId, string Purpose, string GivenHow, DateTimeOffset RecordedAt, DateTimeOffset ValidUntil, DateTimeOffset? WithdrawnAt);

/// <summary>What Grid holds about the caller as a resident: their part of the platform-wide export.</summary>
public sealed record MyGridDataDto(
    ResidentDto? Resident, MyHouseholdDto? Household, IReadOnlyList<MyTagDto> SensitiveTags, IReadOnlyList<SensitiveTagReadDto> SensitiveTagReads,
    IReadOnlyList<MyRequestDto> Requests, IReadOnlyList<MyActingConsentDto> ActingConsents);

/// <summary>The caller's own data in Grid (PIPL: a person may see what is held about them); the gateway joins it with the other services' parts.</summary>
public static class MyGridDataApi
{
    public static IEndpointRouteBuilder MapMyDataApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/my-data", GetAsync).WithTags("Privacy").WithName("MyGridData")
            .WithSummary("Everything Grid holds about the signed-in resident: their record, household, sensitive tags and who was shown them, their requests and consents.");
        return app;
    }

    internal static async Task<Ok<MyGridDataDto>> GetAsync(GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var links = await db.LinksAsync(caller, cancellationToken);
        if (links.ResidentId is not { } me)
        {
            return TypedResults.Ok(new MyGridDataDto(null, null, [], [], [], []));
        }

        var resident = await db.Residents.AsNoTracking().FirstAsync(r => r.Id == me, cancellationToken);
        var household = await db.Households.AsNoTracking().Where(h => h.Id == resident.HouseholdId)
            .Select(h => new MyHouseholdDto(h.Id, h.BuildingId, h.Unit, h.MovedOutAt)).FirstOrDefaultAsync(cancellationToken);
        var tags = await db.ResidentTags.AsNoTracking().Where(t => t.ResidentId == me).OrderBy(t => t.Tag)
            .Select(t => new MyTagDto(t.Tag, t.Consent, t.ConsentedAt)).ToListAsync(cancellationToken);
        var reads = await db.SensitiveTagReads.AsNoTracking().Where(r => r.ResidentId == me).OrderByDescending(r => r.ReadAt)
            .Select(r => new SensitiveTagReadDto(r.ReadBy, r.Purpose, r.ReadAt)).ToListAsync(cancellationToken);
        var requests = await db.Requests.AsNoTracking().Where(r => r.ReporterId == me).OrderByDescending(r => r.ReportedAt)
            .Select(r => new MyRequestDto(r.Id, r.Category, r.Status, r.Description, r.Anonymous, r.ReportedAt, r.ClosedAt)).ToListAsync(cancellationToken);
        var consents = await db.ActingConsents.AsNoTracking().Where(c => c.ResidentId == me).OrderByDescending(c => c.RecordedAt)
            .Select(c => new MyActingConsentDto(c.Id, c.ActorAccountId, c.Purpose, c.GivenHow, c.RecordedAt, c.ValidUntil, c.WithdrawnAt)).ToListAsync(cancellationToken);
        var tagLookup = tags.ToLookup(_ => me, t => t.Tag);
        return TypedResults.Ok(new MyGridDataDto(ResidentDtos.ToDto(resident, true, tagLookup), household, tags, reads, requests, consents));
    }
}
