using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Services.Activities.Data;
using Community.Services.Activities.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Activities.Registrations;

/// <summary>
/// The place bookkeeping of a session. Every method runs inside the caller's transaction after the session
/// row was locked (<see cref="LockSessionAsync"/>), so registrations, cancellations and offers of one session
/// happen one at a time; the conditional updates and the check constraint keep places within capacity even so.
/// </summary>
public sealed class Waitlist(ActivitiesDbContext db, TimeProvider time, IOptions<WaitlistOptions> options)
{
    public Task<Session?> LockSessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        db.Sessions.FromSql($"SELECT * FROM sessions WHERE id = {sessionId} FOR UPDATE").FirstOrDefaultAsync(cancellationToken);

    /// <summary>The session a registration is for (to lock before touching the registration), or null when there is no such registration.</summary>
    public Task<Guid?> SessionOfAsync(Guid registrationId, CancellationToken cancellationToken) =>
        db.Registrations.Where(r => r.Id == registrationId).Select(r => (Guid?)r.SessionId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Takes a place if one is free; false when the session is full.</summary>
    public async Task<bool> TryTakePlaceAsync(Guid sessionId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"UPDATE sessions SET places_taken = places_taken + 1 WHERE id = {sessionId} AND places_taken < capacity",
            cancellationToken) == 1;

    /// <summary>1 for the first waiting registration; null when not waiting.</summary>
    public async Task<int?> PositionAsync(Registration registration, CancellationToken cancellationToken)
    {
        if (registration.Status != RegistrationStatus.Waitlisted || registration.WaitlistRank is not { } rank)
        {
            return null;
        }

        return 1 + await db.Registrations.CountAsync(
            r => r.SessionId == registration.SessionId && r.Status == RegistrationStatus.Waitlisted && r.WaitlistRank < rank,
            cancellationToken);
    }

    /// <summary>
    /// Cancels a registration, under its session's lock (the caller holds it): announced with its reason code only,
    /// and a place it held offered to the first person waiting.
    /// </summary>
    public async Task CancelAsync(Session session, Registration registration, string reason, string cancelledBy, string code, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var heldAPlace = registration.HoldsAPlace;
        registration.Cancel(reason, cancelledBy, now);
        db.AddEvent(new RegistrationCancelled(registration.Id, session.Id, null, heldAPlace, now, registration.ParticipantResidentId, registration.RegistrantAccountId, code), now);
        await db.SaveChangesAsync(cancellationToken);
        if (heldAPlace)
        {
            await ReleasePlaceAsync(session, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Gives back a place held by a cancelled registration or an expired offer, and offers it on.</summary>
    public async Task ReleasePlaceAsync(Session session, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync(
            $"UPDATE sessions SET places_taken = places_taken - 1 WHERE id = {session.Id}", cancellationToken);
        await OfferNextAsync(session, cancellationToken);
    }

    /// <summary>Offers a free place to the first waiting registration, for a limited time.</summary>
    public async Task OfferNextAsync(Session session, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!session.IsOpenForRegistration(now))
        {
            return;
        }

        var next = await db.Registrations
            .Where(r => r.SessionId == session.Id && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.WaitlistRank)
            .FirstOrDefaultAsync(cancellationToken);
        if (next is null || !await TryTakePlaceAsync(session.Id, cancellationToken))
        {
            return;
        }

        var expiresAt = OfferWindow.ExpiresAt(session.StartsAt, now, options.Value);
        next.Offer(expiresAt);
        db.AddEvent(new WaitlistOfferMade(next.Id, session.Id, expiresAt, next.ParticipantResidentId, next.RegistrantAccountId, now), now);
        await HoldForACallAsync(next, now, cancellationToken);
    }

    /// <summary>Someone with no account can only be told by their grid team: the offer waits for that call from the start.</summary>
    private async Task HoldForACallAsync(Registration offered, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (offered.ParticipantResidentId is not { } resident ||
            !await db.KnownResidents.AnyAsync(r => r.ResidentId == resident && r.AccountId == null, cancellationToken))
        {
            return;
        }

        var hold = await db.OfferCallHolds.FirstOrDefaultAsync(h => h.RegistrationId == offered.Id, cancellationToken);
        if (hold is null)
        {
            hold = db.OfferCallHolds.Add(new OfferCallHold { RegistrationId = offered.Id }).Entity;
        }

        (hold.EntryId, hold.Pending, hold.OpenUntil, hold.ChangedAt) = (Guid.Empty, true, null, now);
    }
}
