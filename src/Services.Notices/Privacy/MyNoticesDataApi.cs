using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.Services.Notices.Data;
using Community.Services.Notices.Preferences;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.Privacy;

public sealed record MyNoticeDto(Guid Id, string Kind, string Title, string Body, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record MyPreferenceDto(string Channel, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record MyCallListEntryDto(Guid Id, string Kind, string Title, DateTimeOffset CreatedAt, string Status, string? HowTold, string? Note, string? HandledBy);

/// <summary>What Notices holds about the caller: the notices to them, how they chose to be told, and the calls their grid team made.</summary>
public sealed record MyNoticesDataDto(IReadOnlyList<MyNoticeDto> Notices, IReadOnlyList<MyPreferenceDto> Preferences, IReadOnlyList<MyCallListEntryDto> CallList);

/// <summary>The caller's own data in Notices, their part of the platform-wide export.</summary>
public static class MyNoticesDataApi
{
    public static IEndpointRouteBuilder MapMyDataApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/my-data", GetAsync).WithTags("Privacy").WithName("MyNoticesData")
            .WithSummary("Everything Notices holds about the signed-in person: their notices, their preference, and the call list entries about them.");
        return app;
    }

    internal static async Task<Ok<MyNoticesDataDto>> GetAsync(NoticesDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var account = Guid.TryParse(caller.Subject(), out var id) ? id : Guid.Empty;
        var resident = await db.KnownResidents.AsNoTracking().Where(r => r.AccountId == account).Select(r => (Guid?)r.ResidentId).FirstOrDefaultAsync(cancellationToken);
        var notices = await db.Notices.AsNoTracking()
            .Where(n => n.AccountId == account || (resident != null && n.ResidentId == resident))
            .OrderByDescending(n => n.CreatedAt)
            .Select(n => new MyNoticeDto(n.Id, n.Kind, n.Title, n.Body, n.CreatedAt,
                db.NoticeReads.Where(r => r.NoticeId == n.Id && r.AccountId == account).Select(r => (DateTimeOffset?)r.ReadAt).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        var keys = resident is { } r ? new[] { NoticePreference.AccountKey(account), NoticePreference.ResidentKey(r) } : [NoticePreference.AccountKey(account)];
        var preferences = await db.Preferences.AsNoTracking().Where(p => keys.Contains(p.Key))
            .Select(p => new MyPreferenceDto(p.Channel, p.ChangedBy, p.ChangedAt)).ToListAsync(cancellationToken);
        var calls = resident is null ? [] : await db.CallListEntries.AsNoTracking().Where(c => c.ResidentId == resident).OrderByDescending(c => c.CreatedAt)
            .Select(c => new MyCallListEntryDto(c.Id, c.Kind, c.Title, c.CreatedAt, c.Status, c.HowTold, c.Note, c.HandledBy)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new MyNoticesDataDto(notices, preferences, calls));
    }
}
