using Community.Messaging.Persistence;
using Community.Messaging.Telemetry;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Community.Messaging.Inbox;

/// <summary>
/// A consumer whose effect is applied at most once per message id. The id is recorded in the inbox in the
/// same transaction as the effect (and any events the effect writes to the outbox): a redelivered or
/// re-sent message finds its id taken and changes nothing. Two copies arriving at once serialise on the
/// inbox key; the second sees the first's row once it commits.
/// </summary>
public abstract partial class IdempotentConsumer<TMessage, TContext>(TContext db, TimeProvider time, ILogger logger)
    : IConsumer<TMessage>
    where TMessage : class
    where TContext : DbContext, IMessagingDbContext
{
    protected TContext Db { get; } = db;

    protected TimeProvider Time { get; } = time;

    /// <summary>The consumer's name in the inbox; stable across renames of the class if overridden.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var metrics = context.GetServiceOrCreateInstance<MessagingMetrics>();
        var started = Time.GetTimestamp();
        try
        {
            if (await ApplyOnceAsync(context))
            {
                metrics.Consumed(ConsumerName, Time.GetElapsedTime(started));
            }
            else
            {
                metrics.Duplicate(ConsumerName);
            }
        }
        catch (Exception) when (!context.CancellationToken.IsCancellationRequested)
        {
            metrics.Failed(ConsumerName, Time.GetElapsedTime(started));
            throw;
        }
    }

    /// <summary>Applies the message unless the inbox has it; false for a duplicate.</summary>
    private async Task<bool> ApplyOnceAsync(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id; it cannot be de-duplicated.");

        // A retry of this message reuses nothing from the failed attempt.
        Db.ChangeTracker.Clear();
        await using var transaction = await Db.Database.BeginTransactionAsync(context.CancellationToken);

        var now = Time.GetUtcNow();
        var claimed = await Db.ClaimAsync([messageId], ConsumerName, typeof(TMessage).Name, now, context.CancellationToken);
        if (claimed.Count == 0)
        {
            LogDuplicate(typeof(TMessage).Name, messageId, ConsumerName);
            return false;
        }

        await HandleAsync(context.Message, context);
        await Db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        AfterCommit(context.Message);
        return true;
    }

    /// <summary>Runs once the effect is committed (e.g. wakes whoever delivers what the effect wrote); not for a duplicate.</summary>
    protected virtual void AfterCommit(TMessage message)
    {
    }

    /// <summary>Applies the message's effect to <see cref="Db"/>; do not save, the base class commits.</summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {MessageType} {MessageId}: {Consumer} already applied it.")]
    private partial void LogDuplicate(string messageType, Guid messageId, string consumer);
}
