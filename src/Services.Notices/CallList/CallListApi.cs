using System.Security.Claims;
using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Notices.Data;
using Community.Services.Notices.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.CallList;

/// <param name="How"><c>phone</c>, <c>in-person</c> or <c>other</c>.</param>
public sealed record ToldRequest(string? How, string? Note);

public sealed record UnreachableRequest(string? Note);

/// <summary>
/// A call list entry as its grid team sees it. The resident's name only: the phone number is on the resident's record
/// in Grid, which shows it to their own grid's team and staff.
/// </summary>
public sealed record CallListEntryDto(
    Guid Id, string Kind, Guid ResidentId, string ResidentName, Guid? GridId, string Title, string Body, Guid? RegistrationId,
    DateTimeOffset? DueAt, DateTimeOffset CreatedAt, string Status, string? HowTold, string? Note, string? HandledByName, DateTimeOffset? HandledAt);

/// <summary>
/// The grid team's list of residents to tell in person or by phone: a grid worker sees and handles their own grids'
/// entries, station staff every grid's (and those of residents whose grid is unknown), and what went undelivered.
/// </summary>
public static class CallListApi
{
    public const string HandledType = ProblemTypes.Base + "call-list-entry-handled";
    public static readonly IReadOnlyList<string> Ways = ["phone", "in-person", "other"];
    private static readonly string[] Statuses = [CallListStatus.Open, CallListStatus.Told, CallListStatus.Unreachable, CallListStatus.Overtaken, "all"];

    public static IEndpointRouteBuilder MapCallListApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/call-list").WithTags("Call list").RequireAuthorization(Policies.Workers);
        group.MapGet("", ListAsync)
            .WithName("CallList")
            .WithSummary("Residents of my grids to tell in person or by phone (staff: every grid); open ones by deadline first.");
        group.MapGet("/undelivered", UndeliveredAsync)
            .RequireAuthorization(Policies.Staff)
            .WithName("UndeliveredNotices")
            .WithSummary("Call list entries nobody could deliver: could not reach, or still open past their deadline.");
        group.MapPost("/{id:guid}/told", (Guid id, ToldRequest request, NoticesDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken ct) =>
                HandleAsync(id, CallListStatus.Told, request.How, request.Note, db, time, caller, ct))
            .WithName("MarkCallListEntryTold")
            .WithSummary("Records that the resident was told, how (phone, in person, other) and by whom.");
        group.MapPost("/{id:guid}/unreachable", (Guid id, UnreachableRequest request, NoticesDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken ct) =>
                HandleAsync(id, CallListStatus.Unreachable, null, request.Note, db, time, caller, ct))
            .WithName("MarkCallListEntryUnreachable")
            .WithSummary("Records that the resident could not be reached (an offer then lapses at its deadline).");
        return app;
    }

    private static async Task<Results<Ok<Page<CallListEntryDto>>, ValidationProblem>> ListAsync(
        string? status, Guid? gridId, int? page, int? pageSize, NoticesDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        status ??= CallListStatus.Open;
        if (!Statuses.Contains(status))
        {
            errors.Add("status", $"must be one of {string.Join(", ", Statuses)}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var entries = await VisibleAsync(db, caller, cancellationToken);
        if (status != "all")
        {
            entries = entries.Where(e => e.Status == status);
        }

        if (gridId is { } grid)
        {
            entries = entries.Where(e => e.GridId == grid);
        }

        return TypedResults.Ok(await PageAsync(db, entries, paging, cancellationToken));
    }

    private static async Task<Results<Ok<Page<CallListEntryDto>>, ValidationProblem>> UndeliveredAsync(
        int? page, int? pageSize, NoticesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = time.GetUtcNow();
        var entries = db.CallListEntries.AsNoTracking()
            .Where(e => e.Status == CallListStatus.Unreachable || (e.Status == CallListStatus.Open && e.DueAt < now));
        return TypedResults.Ok(await PageAsync(db, entries, paging, cancellationToken));
    }

    private static async Task<Results<Ok<CallListEntryDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> HandleAsync(
        Guid id, string outcome, string? how, string? note, NoticesDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Optional("note", note, 500);
        if (outcome == CallListStatus.Told && (how is null || !Ways.Contains(how)))
        {
            errors.Add("how", $"must be one of {string.Join(", ", Ways)}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var entry = await db.CallListEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such call list entry.", $"There is no call list entry {id}."));
        }

        if (!await MayHandleAsync(db, caller, entry, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var now = time.GetUtcNow();
        var (by, byName) = (caller.Subject(), caller.AuditName());
        byName = byName.Length > 100 ? byName[..100] : byName;
        var trimmedNote = note?.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Handled once: two people tapping at the same moment, one wins.
        var handled = await db.CallListEntries.Where(e => e.Id == id && e.Status == CallListStatus.Open)
            .ExecuteUpdateAsync(set => set
                .SetProperty(e => e.Status, outcome).SetProperty(e => e.HowTold, how).SetProperty(e => e.Note, trimmedNote)
                .SetProperty(e => e.HandledBy, by).SetProperty(e => e.HandledByName, byName).SetProperty(e => e.HandledAt, now), cancellationToken);
        if (handled == 0)
        {
            var status = await db.CallListEntries.Where(e => e.Id == id).Select(e => e.Status).FirstAsync(cancellationToken);
            return TypedResults.Conflict(Problems.Conflict("Already handled.", status == CallListStatus.Overtaken
                ? "The offer this entry announced was answered or withdrawn; nobody needs to call."
                : "Someone has already recorded this entry as told or could not reach.", HandledType));
        }

        if (entry.RegistrationId is not null)
        {
            db.AddEvent(new CallListEntryHandled(entry.Id, entry.ResidentId, entry.RegistrationId, outcome, now), now);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var updated = await db.CallListEntries.AsNoTracking().Where(e => e.Id == id).ToListAsync(cancellationToken);
        return TypedResults.Ok((await ToDtosAsync(db, updated, cancellationToken)).Single());
    }

    private static async Task<IQueryable<CallListEntry>> VisibleAsync(NoticesDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var entries = db.CallListEntries.AsNoTracking();
        if (caller.IsStaff())
        {
            return entries;
        }

        var grids = await db.GridsOfAsync(caller, cancellationToken);
        return entries.Where(e => e.GridId != null && grids.Contains(e.GridId.Value));
    }

    private static async Task<bool> MayHandleAsync(NoticesDbContext db, ClaimsPrincipal caller, CallListEntry entry, CancellationToken cancellationToken) =>
        caller.IsStaff() || (entry.GridId is { } grid && (await db.GridsOfAsync(caller, cancellationToken)).Contains(grid));

    private static async Task<Page<CallListEntryDto>> PageAsync(
        NoticesDbContext db, IQueryable<CallListEntry> entries, PageRequest paging, CancellationToken cancellationToken)
    {
        var total = await entries.CountAsync(cancellationToken);
        var items = await entries
            .OrderBy(e => e.Status != CallListStatus.Open).ThenBy(e => e.DueAt == null).ThenBy(e => e.DueAt).ThenBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new Page<CallListEntryDto>(await ToDtosAsync(db, items, cancellationToken), paging.PageNumber, paging.PageSize, total);
    }

    private static async Task<IReadOnlyList<CallListEntryDto>> ToDtosAsync(NoticesDbContext db, IReadOnlyList<CallListEntry> entries, CancellationToken cancellationToken)
    {
        var ids = entries.Select(e => e.ResidentId).Distinct().ToList();
        var names = await db.KnownResidents.AsNoTracking().Where(r => ids.Contains(r.ResidentId)).ToDictionaryAsync(r => r.ResidentId, r => r.Name, cancellationToken);
        return entries.Select(e => new CallListEntryDto(e.Id, e.Kind, e.ResidentId, names.GetValueOrDefault(e.ResidentId, ""), e.GridId, e.Title, e.Body,
            e.RegistrationId, e.DueAt, e.CreatedAt, e.Status, e.HowTold, e.Note, e.HandledByName, e.HandledAt)).ToList();
    }
}
