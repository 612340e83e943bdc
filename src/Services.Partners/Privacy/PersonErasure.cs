using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Partners.Data;

namespace Community.Services.Partners.Privacy;

/// <summary>
/// Partners' part of a person's erasure (PIPL art. 47). It holds no resident's or volunteer's record, but it does
/// write down which station staff member accepted, declined or confirmed a pledge (<c>DecidedBy</c>, <c>ConfirmedBy</c>):
/// those keep her account id and lose her name, as in every service (<see cref="PersonErasureConsumer{TContext}"/>).
/// Before, Partners never heard of an erasure and kept the name on every pledge she had decided.
/// </summary>
public sealed class PersonErasureRequestedConsumer(PartnersDbContext db, TimeProvider time, ILogger<PersonErasureRequestedConsumer> logger)
    : PersonErasureConsumer<PartnersDbContext>(db, time, logger, "partners")
{
    protected override Task<int> EraseAsync(PersonErasureRequested message, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(0);
}
