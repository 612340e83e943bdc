using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Notices.Data;
using Community.Services.Notices.Live;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.Inbox;

public sealed record NoticeDto(Guid Id, string Kind, string Title, string Body, string? Link, bool Urgent, DateTimeOffset CreatedAt, bool Read);

/// <summary>A page of a person's inbox, unread first, and how many are unread in all.</summary>
public sealed record InboxPage(IReadOnlyList<NoticeDto> Items, int PageNumber, int PageSize, int Total, int Unread);

/// <summary>A signed-in person's notices: their own and their roles' (station staff, admin), unread first; marking them read.</summary>
public static class InboxApi
{
    public static IEndpointRouteBuilder MapInboxApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/notices").WithTags("Inbox");
        group.MapGet("/mine", MineAsync)
            .WithName("MyNotices")
            .WithSummary("My notices, unread first then newest first, paged; with the number unread.");
        group.MapPost("/{id:guid}/read", ReadAsync)
            .WithName("MarkNoticeRead")
            .WithSummary("Marks one of my notices read.");
        group.MapPost("/mine/read", ReadAllAsync)
            .WithName("MarkAllNoticesRead")
            .WithSummary("Marks every notice in my inbox read.");
        return app;
    }

    private static async Task<Results<Ok<InboxPage>, ValidationProblem>> MineAsync(
        int? page, int? pageSize, NoticesDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (me, roles) = Recipient(caller);
        var mine = Visible(db, me, roles, time.GetUtcNow());
        var total = await mine.CountAsync(cancellationToken);
        var unread = await mine.CountAsync(n => !db.NoticeReads.Any(r => r.NoticeId == n.Id && r.AccountId == me), cancellationToken);
        var items = await mine
            .Select(n => new { Notice = n, Read = db.NoticeReads.Any(r => r.NoticeId == n.Id && r.AccountId == me) })
            .OrderBy(n => n.Read).ThenByDescending(n => n.Notice.CreatedAt).ThenByDescending(n => n.Notice.Id)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(n => new NoticeDto(n.Notice.Id, n.Notice.Kind, n.Notice.Title, n.Notice.Body, n.Notice.Link, n.Notice.Urgent, n.Notice.CreatedAt, n.Read))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new InboxPage(items, paging.PageNumber, paging.PageSize, total, unread));
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetails>, ForbidHttpResult>> ReadAsync(
        Guid id, NoticesDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var notice = await db.Notices.AsNoTracking().Where(n => n.Id == id && n.VisibleFrom <= now)
            .Select(n => new { n.AccountId, n.Role }).FirstOrDefaultAsync(cancellationToken);
        if (notice is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such notice.", $"There is no notice {id}."));
        }

        var (me, roles) = Recipient(caller);
        if (notice.AccountId != me && (notice.Role is null || !roles.Contains(notice.Role)))
        {
            return TypedResults.Forbid();
        }

        await MarkReadAsync(db, id, me, now, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ReadAllAsync(NoticesDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (me, roles) = Recipient(caller);
        var now = time.GetUtcNow();
        // One statement, however many a staff member's shared inbox holds.
        var shared = roles.ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO notice_reads (notice_id, account_id, read_at)
            SELECT id, {me}, {now} FROM notices
            WHERE visible_from <= {now} AND (account_id = {me} OR role = ANY({shared}))
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task MarkReadAsync(NoticesDbContext db, Guid id, Guid me, DateTimeOffset now, CancellationToken cancellationToken) =>
        // A second tap (or a second device) finds it read already.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO notice_reads (notice_id, account_id, read_at) VALUES ({id}, {me}, {now}) ON CONFLICT DO NOTHING", cancellationToken);

    private static IQueryable<Notice> Visible(NoticesDbContext db, Guid me, IReadOnlyList<string> roles, DateTimeOffset now) =>
        db.Notices.AsNoTracking().Where(n => n.VisibleFrom <= now && (n.AccountId == me || (n.Role != null && roles.Contains(n.Role))));

    /// <summary>The caller's account (an empty id, whose inbox is empty, for a subject that is not an account) and shared-inbox roles.</summary>
    private static (Guid Me, IReadOnlyList<string> Roles) Recipient(ClaimsPrincipal caller) =>
        (Guid.TryParse(caller.Subject(), out var me) ? me : Guid.Empty, RoleNotices.Roles.Where(caller.IsInRole).ToList());
}
