using Community.Services.Volunteers.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>An open shift made for a session, with the request it answers and its active assignments (tracked, to be changed).</summary>
public sealed record SessionShift(Guid RequestId, Shift Shift, List<Assignment> Active);

/// <summary>The shifts that follow a session when Activities cancels or moves it.</summary>
public static class SessionShifts
{
    /// <summary>The session's open shifts, locked until the caller's transaction ends, with their active assignments.</summary>
    public static async Task<List<SessionShift>> OpenShiftsOfSessionAsync(this VolunteersDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        var found = new List<SessionShift>();
        var opportunities = await db.Opportunities.Where(o => o.SessionId == sessionId).ToDictionaryAsync(o => o.Id, o => o.RequestId, cancellationToken);
        var ids = opportunities.Keys.ToArray();
        // Locked in one statement and one order (as sign-ups and withdrawals lock them): a sign-up committing meanwhile is
        // either seen here or waits and then finds the shift moved or cancelled; the assigned count written is never stale.
        var shifts = await db.Shifts
            .FromSql($"SELECT * FROM shifts WHERE opportunity_id = ANY({ids}) AND status = {ShiftStatuses.Open} ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
        foreach (var shift in shifts)
        {
            var active = await db.Assignments.Where(a => a.ShiftId == shift.Id && a.WithdrawnAt == null).ToListAsync(cancellationToken);
            found.Add(new SessionShift(opportunities[shift.OpportunityId], shift, active));
        }

        return found;
    }
}
