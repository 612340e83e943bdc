using Community.Messaging.Inbox;
using Community.Services.Partners.Data;

namespace Community.Services.Partners.PublicEvents;

/// <summary>
/// A consumer that translates an internal event into a public one: once per message (the inbox), through
/// <see cref="PublicEventWriter"/>, and wakes the deliveries as soon as its transaction commits.
/// </summary>
public abstract class PublicEventConsumer<TMessage>(PartnersDbContext db, PublicEventWriter writer, DeliverySignals signals, TimeProvider time, ILogger logger)
    : IdempotentConsumer<TMessage, PartnersDbContext>(db, time, logger)
    where TMessage : class
{
    protected PublicEventWriter Writer { get; } = writer;

    protected override void AfterCommit(TMessage message) => signals.Wake();
}
