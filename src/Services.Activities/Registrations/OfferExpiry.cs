using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Jobs;
using Community.Services.Activities.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Activities.Registrations;

/// <summary>
/// Passes on waitlist offers nobody accepted in time: the offer is withdrawn (the registration cancelled with
/// reason "offer expired") and the place goes to the next person waiting. Each expired offer is handled in
/// its own transaction under the session lock, so it happens once even with several instances running. An offer
/// whose resident is still to be told by their grid team (<see cref="OfferCallHold"/>) does not lapse until they were.
/// </summary>
public sealed class OfferExpiry(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<WaitlistOptions> options, ILogger<OfferExpiry> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => options.Value.ExpiryCheckInterval;

    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => PassOnExpiredOffersAsync(cancellationToken);

    public async Task<int> PassOnExpiredOffersAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActivitiesDbContext>();
        var waitlist = scope.ServiceProvider.GetRequiredService<Waitlist>();
        var now = Time.GetUtcNow();
        var due = await db.Registrations.AsNoTracking()
            .Where(r => r.Status == RegistrationStatus.Offered && r.OfferExpiresAt <= now)
            .Where(r => !db.OfferCallHolds.Where(OfferCallHold.KeepsOpen(now)).Any(h => h.RegistrationId == r.Id) ||
                db.Sessions.Any(s => s.Id == r.SessionId && s.StartsAt <= now))
            .Select(r => new { r.Id, r.SessionId })
            .Take(200)
            .ToListAsync(cancellationToken);

        var handled = 0;
        foreach (var offer in due)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var session = await waitlist.LockSessionAsync(offer.SessionId, cancellationToken);
            var registration = await db.Registrations.FirstAsync(r => r.Id == offer.Id, cancellationToken);
            if (session is null || registration.Status != RegistrationStatus.Offered || registration.OfferExpiresAt > now ||
                (session.StartsAt > now && await db.OfferCallHolds.Where(OfferCallHold.KeepsOpen(now)).AnyAsync(h => h.RegistrationId == registration.Id, cancellationToken)))
            {
                continue; // accepted, handled or held for a call meanwhile
            }

            registration.Cancel("offer expired", "the system", now);
            db.AddEvent(new RegistrationCancelled(registration.Id, session.Id, null, true, now, registration.ParticipantResidentId, registration.RegistrantAccountId, CancellationReasons.OfferExpired), now);
            await db.SaveChangesAsync(cancellationToken);
            await waitlist.ReleasePlaceAsync(session, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            handled++;
        }

        return handled;
    }
}
