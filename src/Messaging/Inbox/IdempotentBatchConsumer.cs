using Community.Messaging.Persistence;
using Community.Messaging.Telemetry;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Community.Messaging.Inbox;

/// <summary>
/// <see cref="IdempotentConsumer{TMessage,TContext}"/> for messages whose effect is a simple write, taken in batches: one
/// transaction records every message id of the batch in the inbox with one statement and applies the effects of those
/// not seen before together — a few round trips for a hundred messages instead of several for each. The inbox rows
/// are the same as the one-at-a-time consumer's (same consumer name), so either finds the other's work.
/// <para>
/// A batch that fails is applied again one message at a time, each in its own transaction, so one bad message does not
/// hold the others back: they are applied and recorded, and only the bad one fails the batch's retry (after the last
/// retry the batch's messages go to <c>_error</c>, where the applied ones are duplicates if ever requeued).
/// </para>
/// </summary>
public abstract partial class IdempotentBatchConsumer<TMessage, TContext>(TContext db, TimeProvider time, ILogger logger)
    : IConsumer<Batch<TMessage>>
    where TMessage : class
    where TContext : DbContext, IMessagingDbContext
{
    /// <summary>At most this many messages a batch (<see cref="BatchRegistration"/> registers them so).</summary>
    public const int MessageLimit = BatchRegistration.MessageLimit;

    protected TContext Db { get; } = db;

    protected TimeProvider Time { get; } = time;

    /// <summary>The consumer's name in the inbox, as the one-at-a-time consumer of the same messages had it.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var metrics = context.GetServiceOrCreateInstance<MessagingMetrics>();
        var messages = context.Message.ToList();
        await BeforeApplyingAsync(context.CancellationToken);
        try
        {
            await ApplyOnceAsync(messages, metrics, context.CancellationToken);
        }
        catch (Exception ex) when (messages.Count > 1 && !context.CancellationToken.IsCancellationRequested)
        {
            LogOneByOne(messages.Count, typeof(TMessage).Name, ex.Message);
            var failures = new List<Exception>();
            foreach (var message in messages)
            {
                try
                {
                    await ApplyOnceAsync([message], metrics, context.CancellationToken);
                }
                catch (Exception one) when (!context.CancellationToken.IsCancellationRequested)
                {
                    failures.Add(one);
                }
            }

            // A message that may succeed later (a deadlock, a key another batch took meanwhile) fails the batch with its
            // own error, so the batch is retried: an invalid one's error would send the batch to _error at once, the
            // retriable message with it, never applied. On the retry the applied ones are duplicates.
            if ((failures.FirstOrDefault(f => f is not InvalidMessageException) ?? failures.FirstOrDefault()) is { } failure)
            {
                throw failure;
            }
        }
    }

    private async Task ApplyOnceAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, MessagingMetrics metrics, CancellationToken cancellationToken)
    {
        var started = Time.GetTimestamp();
        // In one order, so two batches claiming overlapping ids (redelivered copies) wait for each other instead of deadlocking.
        var ids = messages.Select(m => m.MessageId
            ?? throw new InvalidMessageException($"A {typeof(TMessage).Name} arrived without a message id; it cannot be de-duplicated.")).Distinct().Order().ToArray();
        try
        {
            Db.ChangeTracker.Clear();
            await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
            var now = Time.GetUtcNow();
            var claimed = await Db.ClaimAsync(ids, ConsumerName, typeof(TMessage).Name, now, cancellationToken);
            var fresh = messages.Where(m => claimed.Remove(m.MessageId!.Value)).Select(m => m.Message).ToList();
            if (fresh.Count > 0)
            {
                await HandleAsync(fresh, cancellationToken);
                await Db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            if (fresh.Count > 0)
            {
                AfterCommit(fresh);
            }

            var elapsed = Time.GetElapsedTime(started);
            foreach (var _ in fresh)
            {
                metrics.Consumed(ConsumerName, elapsed);
            }

            for (var duplicate = fresh.Count; duplicate < messages.Count; duplicate++)
            {
                metrics.Duplicate(ConsumerName);
            }

            if (fresh.Count < messages.Count)
            {
                LogDuplicates(messages.Count - fresh.Count, typeof(TMessage).Name, ConsumerName);
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Failed(ConsumerName, Time.GetElapsedTime(started));
            throw;
        }
    }

    /// <summary>Runs before a batch is applied, outside its transaction (e.g. waits until whoever handles the effects has room).</summary>
    protected virtual Task BeforeApplyingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once the effects are committed (e.g. wakes whoever delivers what they wrote); not for duplicates.</summary>
    protected virtual void AfterCommit(IReadOnlyList<TMessage> applied)
    {
    }

    /// <summary>Applies the messages' effects to <see cref="Db"/> (each message once; none seen before); do not save.</summary>
    protected abstract Task HandleAsync(IReadOnlyList<TMessage> messages, CancellationToken cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} {MessageType} failed ({Reason}); applying them one at a time.")]
    private partial void LogOneByOne(int count, string messageType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {Count} {MessageType}: {Consumer} already applied them.")]
    private partial void LogDuplicates(int count, string messageType, string consumer);
}
