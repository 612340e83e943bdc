using System.Diagnostics;
using Community.Messaging.Persistence;
using Community.Messaging.Telemetry;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Community.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to the broker and marks each published only after the broker confirms it.
/// A row that fails stays pending and is retried with back-off, for as long as it takes. Several instances
/// of a service can run relays side by side: rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>.
/// Delivery is at least once (a crash between confirm and commit re-sends); consumers are idempotent.
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    MessagingMetrics metrics,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext, IMessagingDbContext
{
    public static readonly ActivitySource ActivitySource = new("Community.Messaging.Outbox");

    private readonly OutboxOptions _options = options.Value.Outbox;
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (migrations, bus) before the first look.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await PublishDueBatchAsync(stoppingToken);
                await CleanUpAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRelayFailed(ex);
                handled = 0;
            }

            if (handled < _options.BatchSize)
            {
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Publishes one batch of due rows; returns how many rows it handled.</summary>
    public async Task<int> PublishDueBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var now = time.GetUtcNow();
        var due = await db.OutboxMessages
            .FromSql($"""
                SELECT * FROM outbox_messages
                WHERE published_at IS NULL AND next_attempt_at <= {now}
                ORDER BY created_at
                LIMIT {_options.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        // Publish concurrently: each waits for its own broker confirm, so a batch costs about one round trip.
        var results = await Task.WhenAll(due.Select(message => PublishAsync(message, cancellationToken)));

        var failed = 0;
        var finishedAt = time.GetUtcNow();
        var published = new List<Guid>(due.Count);
        foreach (var (message, error) in due.Zip(results))
        {
            if (error is null)
            {
                published.Add(message.Id);
            }
            else
            {
                failed++;
                message.MarkFailed(error, finishedAt, _options.MaxBackoff);
            }
        }

        // The published ones in one statement (not a tracked update each); the failed ones keep their back-off.
        if (published.Count > 0)
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE outbox_messages SET published_at = {finishedAt}, last_error = NULL WHERE id = ANY({published.ToArray()})", cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (failed > 0)
        {
            LogPublishFailed(failed, due.Count, results.First(r => r is not null)!);
        }

        return due.Count;
    }

    private async Task<string?> PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent);
        using var activity = ActivitySource.StartActivity(
            "outbox publish", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", message.Id);
        activity?.SetTag("community.outbox.attempt", message.Attempts + 1);

        var started = time.GetTimestamp();
        var eventType = OutboxBacklog.ShortName(message.MessageType);
        try
        {
            var type = message.ResolveType();
            activity?.SetTag("messaging.message.type", type.Name);
            var payload = message.Deserialize(type);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.PublishTimeout);
            await bus.Publish(payload, type, context => context.MessageId = message.Id, timeout.Token);
            metrics.Published(eventType, time.GetElapsedTime(started), confirmed: true);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Published(eventType, time.GetElapsedTime(started), confirmed: false);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return ex is OperationCanceledException
                ? $"The broker did not confirm within {_options.PublishTimeout.TotalSeconds:0.#} s."
                : $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextCleanup)
        {
            return;
        }

        _nextCleanup = now.AddHours(1);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var cutoff = now - _options.RetainPublished;
        var deleted = await db.OutboxMessages
            .Where(m => m.PublishedAt != null && m.PublishedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogCleanedUp(deleted);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: {Failed} of {Count} messages were not confirmed by the broker and stay pending for retry. First error: {Error}")]
    private partial void LogPublishFailed(int failed, int count, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox relay pass failed; it will try again.")]
    private partial void LogRelayFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: deleted {Count} published messages past their retention.")]
    private partial void LogCleanedUp(int count);
}
