using Community.Messaging.Inbox;
using Community.Services.Notices.Data;
using Community.Services.Notices.Live;

namespace Community.Services.Notices.Delivery;

/// <summary>
/// A consumer that turns an event into notices: once per message (the inbox), written through <see cref="Writer"/>, and
/// pushed live as soon as its transaction commits.
/// </summary>
public abstract class NoticeConsumer<TMessage>(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger logger)
    : IdempotentConsumer<TMessage, NoticesDbContext>(db, time, logger)
    where TMessage : class
{
    protected NoticeWriter Writer { get; } = writer;

    protected override void AfterCommit(TMessage message) => signal.Wake();
}
