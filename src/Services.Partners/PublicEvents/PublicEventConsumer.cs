using Community.Messaging.Inbox;
using Community.Services.Partners.Data;

namespace Community.Services.Partners.PublicEvents;

/// <summary>
/// A consumer that translates internal events into public ones, a batch at a time: once per message (the inbox), in one
/// transaction of the batch's public events and their webhook deliveries (<see cref="PublicEventWriter.AppendAllAsync"/>).
/// It waits before a batch while webhook delivery is behind (<see cref="TranslationPace"/>), and wakes the deliveries as
/// soon as its transaction commits.
/// </summary>
public abstract class PublicEventConsumer<TMessage>(
    PartnersDbContext db, PublicEventWriter writer, TranslationPace pace, DeliverySignals signals, TimeProvider time, ILogger logger)
    : IdempotentBatchConsumer<TMessage, PartnersDbContext>(db, time, logger)
    where TMessage : class
{
    /// <summary>The public event one internal event becomes.</summary>
    protected abstract Task<PublicEventDraft> TranslateAsync(TMessage message, CancellationToken cancellationToken);

    protected override Task BeforeApplyingAsync(CancellationToken cancellationToken) => pace.WaitForDeliveryAsync(cancellationToken);

    /// <summary>What a batch must hold before it translates (locks taken in one order), in its transaction.</summary>
    protected virtual Task BeforeTranslatingAsync(IReadOnlyList<TMessage> messages, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task HandleAsync(IReadOnlyList<TMessage> messages, CancellationToken cancellationToken)
    {
        await BeforeTranslatingAsync(messages, cancellationToken);
        var drafts = new List<PublicEventDraft>(messages.Count);
        foreach (var message in messages)
        {
            drafts.Add(await TranslateAsync(message, cancellationToken));
        }

        await writer.AppendAllAsync(drafts, cancellationToken);
    }

    protected override void AfterCommit(IReadOnlyList<TMessage> applied) => signals.Wake();
}
