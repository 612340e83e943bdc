using Community.Services.Notices.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.Live;

/// <summary>What a live client receives; the same fields as the inbox lists.</summary>
public sealed record LiveNotice(Guid Id, string Kind, string Title, string Body, string? Link, bool Urgent, DateTimeOffset CreatedAt);

/// <summary>
/// Pushes notices that became visible (just written, or held by quiet hours until 08:00) to the people's open
/// connections, once: each is claimed by setting <c>pushed_at</c> (SKIP LOCKED, so several instances share the work).
/// Woken by <see cref="NoticeSignal"/> after a consumer commits, else every few seconds. A person not connected
/// sees it in the inbox; nothing depends on the push arriving.
/// </summary>
public sealed partial class LiveDelivery(
    IServiceScopeFactory scopes, IHubContext<NoticesHub> hub, NoticeSignal signal, TimeProvider time, ILogger<LiveDelivery> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PushVisibleAsync(stoppingToken) > 0)
                {
                }

                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
                await signal.WaitAsync(Poll, stoppingToken);
            }
        }
    }

    public async Task<int> PushVisibleAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NoticesDbContext>();
        var now = time.GetUtcNow();
        // The claim commits only once the pushes went out: a pass that fails midway leaves its notices to the next.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Database.SqlQuery<PushRow>($"""
            UPDATE notices SET pushed_at = {now}
            WHERE id IN (SELECT id FROM notices WHERE pushed_at IS NULL AND visible_from <= {now}
                         ORDER BY visible_from LIMIT 500 FOR UPDATE SKIP LOCKED)
            RETURNING id, account_id, role, kind, title, body, link, urgent, created_at
            """).ToListAsync(cancellationToken);
        foreach (var row in due)
        {
            var notice = new LiveNotice(row.Id, row.Kind, row.Title, row.Body, row.Link, row.Urgent, row.CreatedAt);
            var clients = row.AccountId is { } account ? hub.Clients.User(account.ToString()) : hub.Clients.Group(RoleNotices.Group(row.Role!));
            await clients.SendAsync(NoticesHub.NoticeMethod, notice, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        return due.Count;
    }

    private sealed record PushRow(Guid Id, Guid? AccountId, string? Role, string Kind, string Title, string Body, string? Link, bool Urgent, DateTimeOffset CreatedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pushing notices failed; the inbox still has them, and the next pass tries again.")]
    private partial void LogFailed(Exception exception);
}
