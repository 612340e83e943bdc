using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Services.Volunteers.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>Taking a volunteer off every shift not yet begun, in the caller's transaction (a guardian's withdrawal, an erasure).</summary>
public static class ComingShifts
{
    /// <summary>
    /// Locks the volunteer's coming shifts in id order (as every roster change locks them, so a racing sign-up waits),
    /// ends each assignment with its <see cref="VolunteerWithdrawn"/>, gives the places back; the shifts left.
    /// </summary>
    public static async Task<IReadOnlyList<Shift>> LeaveComingShiftsAsync(this VolunteersDbContext db, Guid volunteerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var shifts = await db.Shifts.FromSql($"""
            SELECT * FROM shifts WHERE id IN (
                SELECT shift_id FROM assignments WHERE volunteer_id = {volunteerId} AND withdrawn_at IS NULL AND starts_at > {now})
            ORDER BY id FOR UPDATE
            """).AsNoTracking().ToListAsync(cancellationToken);
        if (shifts.Count == 0)
        {
            return shifts;
        }

        var shiftIds = shifts.Select(s => s.Id).ToList();
        var opportunityIds = shifts.Select(s => s.OpportunityId).Distinct().ToList();
        var requests = await db.Opportunities.AsNoTracking().Where(o => opportunityIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.RequestId, cancellationToken);
        foreach (var assignment in await db.Assignments
            .Where(a => a.VolunteerId == volunteerId && a.WithdrawnAt == null && shiftIds.Contains(a.ShiftId)).ToListAsync(cancellationToken))
        {
            assignment.WithdrawnAt = now;
            var requestId = requests[shifts.Single(s => s.Id == assignment.ShiftId).OpportunityId];
            db.AddEvent(new VolunteerWithdrawn(assignment.Id, volunteerId, requestId, now), now);
        }

        await db.Database.ExecuteSqlAsync($"UPDATE shifts SET assigned = assigned - 1 WHERE id = ANY({shiftIds.ToArray()})", cancellationToken);
        return shifts;
    }
}
