using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Notices.Data;
using Community.Services.Notices.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.Preferences;

public sealed record PreferenceRequest(string? Channel);

/// <param name="Chosen">False when nobody chose yet and the default applies.</param>
public sealed record PreferenceDto(string Channel, bool Chosen, Guid? ResidentId);

/// <summary>
/// How a person is told: by themselves for their own account, or by their grid team or staff for a resident (an
/// elderly person without a smartphone says "tell me in person", and the grid worker records it).
/// </summary>
public static class PreferencesApi
{
    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/preferences").WithTags("Preferences");
        group.MapGet("/mine", MineAsync)
            .WithName("MyNoticePreference")
            .WithSummary("How I am told: app, call list (in person or by phone) or both.");
        group.MapPut("/mine", SetMineAsync)
            .WithName("SetMyNoticePreference")
            .WithSummary("Chooses how I am told.");
        group.MapGet("/residents/{residentId:guid}", ResidentAsync)
            .RequireAuthorization(Policies.Workers)
            .WithName("ResidentNoticePreference")
            .WithSummary("How a resident of my grid is told (staff: any resident).");
        group.MapPut("/residents/{residentId:guid}", SetResidentAsync)
            .RequireAuthorization(Policies.Workers)
            .WithName("SetResidentNoticePreference")
            .WithSummary("Records how a resident of my grid wants to be told (staff: any resident).");
        return app;
    }

    private static async Task<Ok<PreferenceDto>> MineAsync(NoticesDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (key, resident, hasAccount) = await KeyOfCallerAsync(db, caller, cancellationToken);
        return TypedResults.Ok(await ReadAsync(db, key, resident?.ResidentId, hasAccount, cancellationToken));
    }

    private static async Task<Results<Ok<PreferenceDto>, ValidationProblem>> SetMineAsync(
        PreferenceRequest request, NoticesDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (Check(request) is { } problem)
        {
            return problem;
        }

        var (key, resident, hasAccount) = await KeyOfCallerAsync(db, caller, cancellationToken);
        if (resident is null && request.Channel != Channels.App)
        {
            return new FieldErrors().Add("channel", "only 'app' for an account without a resident record: no grid team knows where to find you.").ToProblem();
        }

        await SaveAsync(db, key, request.Channel!, caller, time, cancellationToken);
        return TypedResults.Ok(await ReadAsync(db, key, resident?.ResidentId, hasAccount, cancellationToken));
    }

    private static async Task<Results<Ok<PreferenceDto>, NotFound<ProblemDetails>, ForbidHttpResult>> ResidentAsync(
        Guid residentId, NoticesDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var resident = await db.KnownResidents.AsNoTracking().FirstOrDefaultAsync(r => r.ResidentId == residentId, cancellationToken);
        if (resident is null)
        {
            return TypedResults.NotFound(NoSuchResident(residentId));
        }

        if (!await MayActForAsync(db, caller, resident, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        return TypedResults.Ok(await ReadAsync(db, NoticePreference.ResidentKey(residentId), residentId, resident.AccountId is not null, cancellationToken));
    }

    private static async Task<Results<Ok<PreferenceDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> SetResidentAsync(
        Guid residentId, PreferenceRequest request, NoticesDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (Check(request) is { } problem)
        {
            return problem;
        }

        var resident = await db.KnownResidents.AsNoTracking().FirstOrDefaultAsync(r => r.ResidentId == residentId, cancellationToken);
        if (resident is null)
        {
            return TypedResults.NotFound(NoSuchResident(residentId));
        }

        if (!await MayActForAsync(db, caller, resident, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var key = NoticePreference.ResidentKey(residentId);
        await SaveAsync(db, key, request.Channel!, caller, time, cancellationToken);
        return TypedResults.Ok(await ReadAsync(db, key, residentId, resident.AccountId is not null, cancellationToken));
    }

    private static ValidationProblem? Check(PreferenceRequest request) =>
        request.Channel is null || !Channels.All.Contains(request.Channel)
            ? new FieldErrors().Add("channel", $"must be one of {string.Join(", ", Channels.All)}.").ToProblem()
            : null;

    private static async Task<bool> MayActForAsync(NoticesDbContext db, ClaimsPrincipal caller, KnownResident resident, CancellationToken cancellationToken)
    {
        if (caller.IsStaff())
        {
            return true;
        }

        var grid = await db.GridOfResidentAsync(resident, cancellationToken);
        return grid is { } g && (await db.GridsOfAsync(caller, cancellationToken)).Contains(g);
    }

    /// <summary>The caller's preference key: their resident record's when they have one, else their account's.</summary>
    private static async Task<(string Key, KnownResident? Resident, bool HasAccount)> KeyOfCallerAsync(
        NoticesDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var account = Guid.TryParse(caller.Subject(), out var id) ? id : Guid.Empty;
        var resident = await db.KnownResidents.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == account, cancellationToken);
        return (resident is null ? NoticePreference.AccountKey(account) : NoticePreference.ResidentKey(resident.ResidentId), resident, true);
    }

    private static async Task<PreferenceDto> ReadAsync(NoticesDbContext db, string key, Guid? residentId, bool hasAccount, CancellationToken cancellationToken)
    {
        var channel = await db.Preferences.AsNoTracking().Where(p => p.Key == key).Select(p => p.Channel).FirstOrDefaultAsync(cancellationToken);
        return new PreferenceDto(channel ?? Channels.Default(hasAccount), channel is not null, residentId);
    }

    private static async Task SaveAsync(NoticesDbContext db, string key, string channel, ClaimsPrincipal caller, TimeProvider time, CancellationToken cancellationToken)
    {
        var by = caller.AuditActor();
        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO notice_preferences (key, channel, changed_by, changed_at) VALUES ({key}, {channel}, {by}, {now})
            ON CONFLICT (key) DO UPDATE SET channel = excluded.channel, changed_by = excluded.changed_by, changed_at = excluded.changed_at
            """, cancellationToken);
    }

    private static ProblemDetails NoSuchResident(Guid id) => Problems.NotFound("No such resident.", $"There is no resident {id} known to notices.");
}
