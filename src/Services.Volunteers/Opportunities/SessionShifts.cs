using Community.Services.Volunteers.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>An open shift made for a session, with the request it answers and its active assignments (tracked, to be changed).</summary>
public sealed record SessionShift(Guid RequestId, Shift Shift, List<Assignment> Active);

/// <summary>The shifts that follow a session when Activities cancels or moves it.</summary>
public static class SessionShifts
{
    public static async Task<List<SessionShift>> OpenShiftsOfSessionAsync(this VolunteersDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        var found = new List<SessionShift>();
        var opportunities = await db.Opportunities.Where(o => o.SessionId == sessionId).ToListAsync(cancellationToken);
        foreach (var opportunity in opportunities)
        {
            var shifts = await db.Shifts.Where(s => s.OpportunityId == opportunity.Id && s.Status == ShiftStatuses.Open).ToListAsync(cancellationToken);
            foreach (var shift in shifts)
            {
                var active = await db.Assignments.Where(a => a.ShiftId == shift.Id && a.WithdrawnAt == null).ToListAsync(cancellationToken);
                found.Add(new SessionShift(opportunity.RequestId, shift, active));
            }
        }

        return found;
    }
}
