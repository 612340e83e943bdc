using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Sessions;

/// <summary>Cancelling a session, alone or with the rest of its series: every live registration goes with it, each told through an event.</summary>
public static class SessionCancellation
{
    /// <summary>Cancels a scheduled session the caller has locked (<see cref="Waitlist.LockSessionAsync"/>), inside the caller's transaction.</summary>
    public static async Task CancelLockedAsync(ActivitiesDbContext db, Session session, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        session.Cancel(reason);
        var live = await db.Registrations.Where(r => r.SessionId == session.Id && r.Status != RegistrationStatus.Cancelled).ToListAsync(cancellationToken);
        // The reason staff typed stays on the session (it may name people); the event says only that it was cancelled.
        // Written first, so it leads the relay's batch: Notices tells every registrant from it in one go.
        db.AddEvent(new SessionCancelled(session.Id, session.SeriesId, null, live.Count, now), now);
        foreach (var registration in live)
        {
            var held = registration.HoldsAPlace;
            registration.Cancel("session cancelled: " + reason, "staff", now);
            db.AddEvent(new RegistrationCancelled(registration.Id, session.Id, null, held, now, registration.ParticipantResidentId, registration.RegistrantAccountId, CancellationReasons.SessionCancelled), now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE sessions SET places_taken = 0 WHERE id = {session.Id}", cancellationToken);
    }
}
