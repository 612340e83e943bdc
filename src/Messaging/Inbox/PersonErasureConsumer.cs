using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults.Privacy;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Community.Messaging.Inbox;

/// <summary>
/// A service's part of a person's erasure (PIPL art. 47), once per request: the service erases or anonymises what it
/// holds (<see cref="EraseAsync"/>); then, for every service alike, whatever the person did for others keeps their
/// account id but not their name (<see cref="ActorErasure"/>), and the service answers <see cref="PersonDataErased"/>
/// in the same transaction.
/// </summary>
public abstract partial class PersonErasureConsumer<TContext>(TContext db, TimeProvider time, ILogger logger, string service)
    : IdempotentConsumer<PersonErasureRequested, TContext>(db, time, logger)
    where TContext : DbContext, IMessagingDbContext
{
    private readonly ILogger _logger = logger;

    /// <summary>Removes or anonymises the service's own records of the account; the number of rows changed.</summary>
    protected abstract Task<int> EraseAsync(PersonErasureRequested message, DateTimeOffset now, CancellationToken cancellationToken);

    protected sealed override async Task HandleAsync(PersonErasureRequested message, ConsumeContext<PersonErasureRequested> context)
    {
        var now = Time.GetUtcNow();
        var records = await EraseAsync(message, now, context.CancellationToken);
        records += await Db.ForgetActorAsync(message.AccountId.ToString(), Erased.Name, context.CancellationToken);
        Db.AddEvent(new PersonDataErased(message.RequestId, service, records, now), now);
        LogErased(_logger, message.RequestId, service, records);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure {RequestId}: {Service} erased or anonymised {Records} records")]
    private static partial void LogErased(ILogger logger, Guid requestId, string service, int records);
}
