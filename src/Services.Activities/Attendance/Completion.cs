using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Attendance;

public enum CompletionOutcome
{
    Completed,
    NotFound,
    NotStarted,
    NotScheduled,
}

/// <summary>
/// Ends a session: the confirmed who never checked in are marked no-show, and SessionCompleted tells the
/// Volunteers service who served and for how long. Under the session lock, so it happens once.
/// </summary>
public sealed class Completion(ActivitiesDbContext db, Waitlist waitlist, TimeProvider time)
{
    public async Task<CompletionOutcome> CompleteAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await waitlist.LockSessionAsync(sessionId, cancellationToken);
        var now = time.GetUtcNow();
        if (session is null)
        {
            return CompletionOutcome.NotFound;
        }

        if (session.Status != SessionStatus.Scheduled)
        {
            return CompletionOutcome.NotScheduled;
        }

        if (now < session.StartsAt)
        {
            return CompletionOutcome.NotStarted;
        }

        var confirmed = await db.Registrations
            .Where(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Confirmed)
            .ToListAsync(cancellationToken);
        foreach (var absent in confirmed.Where(r => r.CheckedInAt is null))
        {
            absent.MarkNoShow();
            db.AddEvent(new AttendanceRecorded(absent.Id, sessionId, false, now), now);
        }

        // Waitlist offers still open are moot now.
        var openOffers = await db.Registrations
            .Where(r => r.SessionId == sessionId && (r.Status == RegistrationStatus.Offered || r.Status == RegistrationStatus.Waitlisted))
            .ToListAsync(cancellationToken);
        foreach (var waiting in openOffers)
        {
            var held = waiting.HoldsAPlace;
            waiting.Cancel("session completed", "the system", now);
            db.AddEvent(new RegistrationCancelled(waiting.Id, sessionId, "session completed", held, now, waiting.ParticipantResidentId, waiting.RegistrantAccountId), now);
        }

        var minutes = (int)Math.Round((session.EndsAt - session.StartsAt).TotalMinutes);
        var served = await db.StaffAssignments.AsNoTracking()
            .Join(db.VolunteerRoles.AsNoTracking(), a => a.RoleId, r => r.Id, (a, r) => new { Assignment = a, Role = r })
            .Where(x => x.Role.SessionId == sessionId && x.Assignment.WithdrawnAt == null)
            .Select(x => new VolunteerServed(x.Assignment.VolunteerId, x.Role.Id, minutes))
            .ToListAsync(cancellationToken);
        var category = await db.Series.Where(s => s.Id == session.SeriesId).Select(s => s.Category).FirstAsync(cancellationToken);

        session.Complete(now);
        db.AddEvent(new SessionCompleted(sessionId, session.SeriesId, category, session.StartsAt, session.EndsAt,
            confirmed.Count(r => r.CheckedInAt is not null), served, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CompletionOutcome.Completed;
    }
}
