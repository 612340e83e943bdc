using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Services.Activities.Data;
using Community.Services.Activities.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Activities.Registrations;

/// <summary>Settings under <c>Waitlist</c>.</summary>
public sealed class WaitlistOptions
{
    /// <summary>How long the first waiting person has to accept a freed place (shorter near the start).</summary>
    public TimeSpan OfferWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>No offer is shorter than this, unless the session starts sooner.</summary>
    public TimeSpan MinimumOfferWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often expired offers are passed on.</summary>
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The place bookkeeping of a session. Every method runs inside the caller's transaction after the session
/// row was locked (<see cref="LockSessionAsync"/>), so registrations, cancellations and offers of one session
/// happen one at a time; the conditional updates and the check constraint keep places within capacity even so.
/// </summary>
public sealed class Waitlist(ActivitiesDbContext db, TimeProvider time, IOptions<WaitlistOptions> options)
{
    public Task<Session?> LockSessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        db.Sessions.FromSql($"SELECT * FROM sessions WHERE id = {sessionId} FOR UPDATE").FirstOrDefaultAsync(cancellationToken);

    /// <summary>Takes a place if one is free; false when the session is full.</summary>
    public async Task<bool> TryTakePlaceAsync(Guid sessionId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"UPDATE sessions SET places_taken = places_taken + 1 WHERE id = {sessionId} AND places_taken < capacity",
            cancellationToken) == 1;

    public async Task<long> NextRankAsync(CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<long>($"SELECT nextval('waitlist_rank_seq') AS \"Value\"").SingleAsync(cancellationToken);

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

        var expiresAt = OfferExpiry(session, now);
        next.Offer(expiresAt);
        db.AddEvent(new WaitlistOfferMade(next.Id, session.Id, expiresAt), now);
    }

    /// <summary>The configured window, but at most a quarter of the time left before the start, and never past it.</summary>
    public DateTimeOffset OfferExpiry(Session session, DateTimeOffset now)
    {
        var left = session.StartsAt - now;
        var window = TimeSpan.FromTicks(Math.Min(options.Value.OfferWindow.Ticks, left.Ticks / 4));
        if (window < options.Value.MinimumOfferWindow)
        {
            window = options.Value.MinimumOfferWindow < left ? options.Value.MinimumOfferWindow : left;
        }

        return now + window;
    }
}
