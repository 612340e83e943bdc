using Community.Contracts;
using Community.Identity.Data;
using Community.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Identity.Erasure;

/// <summary>Records a service's answer to an erasure request; the request is complete when every service has answered.</summary>
public sealed partial class PersonDataErasedConsumer(AccountsDbContext db, TimeProvider time, ILogger<PersonDataErasedConsumer> logger)
    : IdempotentConsumer<PersonDataErased, AccountsDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(PersonDataErased message, ConsumeContext<PersonDataErased> context)
    {
        // Two services answering at once: the second waits for the first, so the last one always sees every answer.
        await Db.Database.ExecuteSqlAsync($"SELECT 1 FROM erasure_requests WHERE id = {message.RequestId} FOR UPDATE", context.CancellationToken);
        var request = await Db.ErasureRequests.Include(r => r.Answers).FirstOrDefaultAsync(r => r.Id == message.RequestId, context.CancellationToken);
        if (request is null)
        {
            throw new InvalidMessageException($"There is no erasure request {message.RequestId}.");
        }

        if (request.Answer(message.Service, message.Records, message.ErasedAt, Time.GetUtcNow()) && request.CompletedAt is not null)
        {
            LogCompleted(request.Id, request.AccountId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erasure {RequestId} for account {AccountId} is complete: every service has answered")]
    private partial void LogCompleted(Guid requestId, Guid accountId);
}
