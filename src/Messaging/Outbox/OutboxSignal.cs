using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Community.Messaging.Telemetry;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Community.Messaging.Outbox;

/// <summary>
/// Wakes the relay as soon as outbox rows are committed, so an event leaves within milliseconds instead of
/// waiting for the next poll. Polling stays as the safety net (another instance's rows, retries, restarts).
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}

/// <summary>
/// Notifies the relay after a save (outside a transaction) or a commit that wrote outbox rows, and counts the
/// committed events for the service's metrics. An event counts only when the save that wrote it succeeded and the
/// transaction it was saved in is the one that committed: a failed save (rolled back to its savepoint and perhaps
/// retried), a transaction rolled back or disposed uncommitted, and events left behind on a pooled context by either
/// are never counted.
/// </summary>
public sealed class OutboxSignalInterceptor(OutboxSignal signal, EventMetrics metrics) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

    /// <summary>One context's events: those of the save under way, and those saved in <see cref="Transaction"/>.</summary>
    private sealed class Pending
    {
        public List<object> Saving { get; } = [];

        public DbTransaction? Transaction { get; set; }

        public HashSet<object> Saved { get; } = new(ReferenceEqualityComparer.Instance);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Inspect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Inspect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // The save rolled back (to its savepoint inside a transaction) or never ran: what it was writing was never written.
    public void SaveChangesFailed(DbContextErrorEventData eventData) => NotSaved(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => NotSaved(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesCanceled(eventData);
        return Task.CompletedTask;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // Npgsql hands out the same transaction object again on the same connection: a transaction's start, not its
    // identity, is what says an earlier one (disposed uncommitted) is over.
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Begin(eventData.Context, result);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Begin(eventData.Context, result);
        return ValueTask.FromResult(result);
    }

    public override DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result)
    {
        Begin(eventData.Context, result);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionUsedAsync(
        DbConnection connection, TransactionEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Begin(eventData.Context, result);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Committed(eventData.Context, transaction);

    public override Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context, transaction);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Outbox rows <paramref name="events"/> were written by SQL rather than through <c>SaveChanges</c>: counted with the
    /// transaction under way when it commits (never if it rolls back), or at once when the statement ran in a
    /// transaction of its own.
    /// </summary>
    public void Written(DbContext context, IReadOnlyCollection<object> events)
    {
        if (context.Database.CurrentTransaction?.GetDbTransaction() is not { } transaction)
        {
            Count(events);
            return;
        }

        var pending = _pending.GetValue(context, _ => new Pending());
        if (!ReferenceEquals(pending.Transaction, transaction))
        {
            Begin(context, transaction);
        }

        pending.Saved.UnionWith(events);
    }

    private void Inspect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var pending = _pending.GetValue(context, _ => new Pending());
        pending.Saving.Clear();
        pending.Saving.AddRange(context.ChangeTracker.Entries<OutboxMessage>()
            .Where(e => e.State == EntityState.Added && e.Entity.Event is not null)
            .Select(e => e.Entity.Event!));
    }

    private void Begin(DbContext? context, DbTransaction transaction)
    {
        if (context is not null)
        {
            var pending = _pending.GetValue(context, _ => new Pending());
            pending.Saved.Clear();
            pending.Transaction = transaction;
        }
    }

    private void NotSaved(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            pending.Saving.Clear();
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || pending.Saving.Count == 0)
        {
            return;
        }

        if (context.Database.CurrentTransaction is null)
        {
            // Saved in a transaction of its own, now committed.
            Count(pending.Saving);
            pending.Saving.Clear();
            return;
        }

        // Inside the transaction that Begin recorded when it started: counted when that one commits.
        pending.Saved.UnionWith(pending.Saving);
        pending.Saving.Clear();
    }

    private void Committed(DbContext? context, DbTransaction transaction)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending) && ReferenceEquals(pending.Transaction, transaction))
        {
            Count(pending.Saved);
            pending.Saved.Clear();
            pending.Transaction = null;
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            pending.Saved.Clear();
            pending.Transaction = null;
        }
    }

    private void Count(IReadOnlyCollection<object> events)
    {
        if (events.Count > 0)
        {
            signal.Notify();
            metrics.Committed(events);
        }
    }
}
