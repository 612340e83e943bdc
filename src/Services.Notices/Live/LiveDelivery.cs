using Community.Services.Notices.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Community.Services.Notices.Live;

/// <summary>What a live client receives; the same fields as the inbox lists.</summary>
public sealed record LiveNotice(Guid Id, string Kind, string Title, string Body, string? Link, bool Urgent, DateTimeOffset CreatedAt);

/// <summary>
/// Pushes notices that became visible (just written, or held by quiet hours until 08:00) to the connections open on
/// <em>this</em> process. Every instance of the service pushes every notice to its own connections, whichever instance
/// wrote it: the database is the backplane. Each pass reads what became visible since the last one — rows written by
/// transactions not yet finished at the last pass (by transaction id, so a late commit is never skipped) and rows whose
/// quiet hours ended — and remembers what it pushed until those transactions are all behind it, so nothing goes twice.
/// Woken at once when any instance commits a notice (PostgreSQL <c>NOTIFY</c> from a trigger), else every few seconds.
/// A person not connected sees it in the inbox; nothing depends on the push arriving.
/// </summary>
public sealed partial class LiveDelivery(
    IServiceScopeFactory scopes, IHubContext<NoticesHub> hub, NoticeSignal signal, TimeProvider time, IOptions<NoticesOptions> options,
    ILogger<LiveDelivery> logger) : BackgroundService
{
    /// <summary>The channel the notices table's trigger notifies when a transaction that wrote notices commits.</summary>
    public const string Channel = "notices_written";
    private readonly Dictionary<Guid, long> _pushed = [];
    private readonly SemaphoreSlim _pass = new(1, 1);
    private (long Xmin, DateTimeOffset Now) _last;

    private TimeSpan Poll => options.Value.LivePollInterval;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the server takes connections: what was written until now is in the inbox its people load on connecting,
        // and everything after is pushed.
        await using (var scope = scopes.CreateAsyncScope())
        {
            _last = (await XminAsync(scope.ServiceProvider.GetRequiredService<NoticesDbContext>(), cancellationToken), time.GetUtcNow());
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listening = ListenAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PushVisibleAsync(stoppingToken);
                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
                await signal.WaitAsync(Poll, stoppingToken);
            }
        }

        await listening;
    }

    /// <summary>One pass; returns how many notices it pushed to this process's connections.</summary>
    public async Task<int> PushVisibleAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NoticesDbContext>();
            var now = time.GetUtcNow();
            if (now < _last.Now)
            {
                now = _last.Now; // a clock set back must not bring back what was pushed
            }

            var xmin = await XminAsync(db, cancellationToken);
            // Ids first: while a long transaction anywhere on the server holds the xmin back, the same recent rows are
            // seen pass after pass; only the ones not pushed yet are read whole.
            var seen = await db.Database.SqlQuery<SeenRow>($"""
                SELECT id, written_by FROM notices
                WHERE visible_from <= {now} AND (written_by >= {_last.Xmin} OR visible_from > {_last.Now})
                """).ToListAsync(cancellationToken);
            var fresh = seen.Where(row => !_pushed.ContainsKey(row.Id)).Select(row => row.Id).ToList();
            var pushed = 0;
            if (fresh.Count > 0)
            {
                var due = await db.Notices.AsNoTracking().Where(n => fresh.Contains(n.Id)).OrderBy(n => n.VisibleFrom).ThenBy(n => n.Id)
                    .Select(n => new { n.Id, n.AccountId, n.Role, n.Kind, n.Title, n.Body, n.Link, n.Urgent, n.CreatedAt, n.WrittenBy })
                    .ToListAsync(cancellationToken);
                foreach (var row in due)
                {
                    var notice = new LiveNotice(row.Id, row.Kind, row.Title, row.Body, row.Link, row.Urgent, row.CreatedAt);
                    var clients = row.AccountId is { } account ? hub.Clients.User(account.ToString()) : hub.Clients.Group(RoleNotices.Group(row.Role!));
                    await clients.SendAsync(NoticesHub.NoticeMethod, notice, cancellationToken);
                    _pushed[row.Id] = row.WrittenBy;
                    pushed++;
                }
            }

            // A row whose transaction is behind xmin is never read again by the first condition, and its visible_from is
            // behind 'now', so never by the second: it need not be remembered.
            foreach (var id in _pushed.Where(p => p.Value < xmin).Select(p => p.Key).ToList())
            {
                _pushed.Remove(id);
            }

            _last = (xmin, now);
            return pushed;
        }
        finally
        {
            _pass.Release();
        }
    }

    /// <summary>Every transaction with an id below this one has finished: what it wrote is visible from here on.</summary>
    private static Task<long> XminAsync(NoticesDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<long>($"SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS \"Value\"").SingleAsync(cancellationToken);

    /// <summary>Wakes the pass whenever any instance commits notices; reconnects after a lost connection.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                NpgsqlConnection connection;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    // A clone keeps the password, which an opened connection's string no longer shows; keep-alive so a
                    // connection dropped without a word is noticed instead of waited on for ever.
                    var own = (NpgsqlConnection)scope.ServiceProvider.GetRequiredService<NoticesDbContext>().Database.GetDbConnection();
                    connection = own.CloneWith(new NpgsqlConnectionStringBuilder(own.ConnectionString) { KeepAlive = 30, Pooling = false }.ConnectionString);
                }

                await using (connection)
                {
                    await connection.OpenAsync(stoppingToken);
                    connection.Notification += (_, _) => signal.Wake();
                    await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    {
                        await listen.ExecuteNonQueryAsync(stoppingToken);
                    }

                    // Whatever was committed while not listening is read by the next pass.
                    signal.Wake();
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await connection.WaitAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogListenFailed(ex);
                try
                {
                    await Task.Delay(Poll, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private sealed record SeenRow(Guid Id, long WrittenBy);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pushing notices failed; the inbox still has them, and the next pass tries again.")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for notices written by other instances failed; polling until it is back.")]
    private partial void LogListenFailed(Exception exception);
}
