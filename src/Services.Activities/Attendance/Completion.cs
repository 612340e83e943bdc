using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Sessions;
using Community.Services.Activities.Staffing;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Attendance;

public enum CompletionOutcome
{
    Completed,
    NotFound,
    NotStarted,
    NotScheduled,
    InvalidPresence,
}

/// <summary>A volunteer staff mark present when completing a session (they did not check in at the door).</summary>
/// <param name="VolunteerId">A volunteer assigned to the session.</param>
/// <param name="Minutes">How long they served; omitted: from their arrival (or the start) to the end.</param>
public sealed record PresentVolunteer(Guid? VolunteerId, int? Minutes);

/// <param name="Present">Volunteers who served but were not checked in at the door. Those checked in need not be named.</param>
public sealed record CompleteSessionRequest(IReadOnlyList<PresentVolunteer>? Present);

public sealed record CompletionResult(CompletionOutcome Outcome, FieldErrors? Errors = null);

/// <summary>
/// Ends a session: the confirmed who never checked in are marked no-show, and SessionCompleted tells the
/// Volunteers service who served and for how long — only volunteers who checked in or whom staff mark present,
/// for the time they were there (<see cref="ServedTime"/>). Under the session lock, so it happens once.
/// </summary>
public sealed class Completion(ActivitiesDbContext db, Waitlist waitlist, TimeProvider time)
{
    public async Task<CompletionResult> CompleteAsync(Guid sessionId, IReadOnlyList<PresentVolunteer>? present, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await waitlist.LockSessionAsync(sessionId, cancellationToken);
        var now = time.GetUtcNow();
        if (session is null)
        {
            return new CompletionResult(CompletionOutcome.NotFound);
        }

        if (session.Status != SessionStatus.Scheduled)
        {
            return new CompletionResult(CompletionOutcome.NotScheduled);
        }

        if (now < session.StartsAt)
        {
            return new CompletionResult(CompletionOutcome.NotStarted);
        }

        present ??= [];
        var assigned = await db.StaffAssignments.AsNoTracking()
            .Join(db.VolunteerRoles.AsNoTracking(), a => a.RoleId, r => r.Id, (a, r) => new { Assignment = a, Role = r })
            .Where(x => x.Role.SessionId == sessionId && x.Assignment.WithdrawnAt == null)
            .Select(x => x.Assignment)
            .ToListAsync(cancellationToken);
        var errors = CheckPresent(present, assigned.Select(a => a.VolunteerId).ToHashSet(), ServedTime.SessionMinutes(session.StartsAt, session.EndsAt));
        if (errors.Any)
        {
            return new CompletionResult(CompletionOutcome.InvalidPresence, errors);
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
            db.AddEvent(new RegistrationCancelled(waiting.Id, sessionId, null, held, now, waiting.ParticipantResidentId, waiting.RegistrantAccountId, CancellationReasons.SessionCompleted), now);
        }

        var served = assigned
            .Select(a =>
            {
                var marked = present.FirstOrDefault(p => p.VolunteerId == a.VolunteerId);
                return new VolunteerServed(a.VolunteerId, a.RoleId,
                    ServedTime.Minutes(session.StartsAt, session.EndsAt, now, a.ArrivedAt, a.LeftAt, marked?.Minutes, marked is not null, a.EarlierMinutes));
            })
            .Where(s => s.Minutes > 0)
            .ToList();
        var category = await db.Series.Where(s => s.Id == session.SeriesId).Select(s => s.Category).FirstAsync(cancellationToken);

        session.Complete(now);
        db.AddEvent(new SessionCompleted(sessionId, session.SeriesId, category, session.StartsAt, session.EndsAt,
            confirmed.Count(r => r.CheckedInAt is not null), served, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CompletionResult(CompletionOutcome.Completed);
    }

    private static FieldErrors CheckPresent(IReadOnlyList<PresentVolunteer> present, IReadOnlySet<Guid> assigned, int sessionMinutes)
    {
        var errors = new FieldErrors();
        for (var i = 0; i < present.Count; i++)
        {
            if (present[i] is not { VolunteerId: { } id } || !assigned.Contains(id))
            {
                errors.Add($"present[{i}].volunteerId", "must be a volunteer assigned to the session.");
            }

            errors.Range($"present[{i}].minutes", present[i]?.Minutes, 1, sessionMinutes);
        }

        if (present.Select(p => p?.VolunteerId).Distinct().Count() != present.Count)
        {
            errors.Add("present", "names a volunteer twice.");
        }

        return errors;
    }
}
