using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults;
using Community.Services.Volunteers.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Registry;

/// <summary>
/// A guardian withdraws consent: from that moment the child may sign up for nothing more, and — unless another consent
/// of theirs still stands — is taken off every shift not yet begun, each withdrawal announced like any other, and the
/// adults supervising those shifts are told (<see cref="GuardianConsentWithdrawn"/>). One transaction; the shifts' rows
/// are locked first, in id order, as every roster change locks them, so a sign-up racing the withdrawal waits for it.
/// Withdrawing twice changes nothing more.
/// </summary>
public sealed class ConsentWithdrawal(VolunteersDbContext db, TimeProvider time)
{
    public async Task<GuardianConsent> WithdrawAsync(Guid consentId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = Neighbourhood.Today(now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var withdrawn = await db.Database.ExecuteSqlAsync(
            $"UPDATE guardian_consents SET withdrawn_at = {now} WHERE id = {consentId} AND withdrawn_at IS NULL", cancellationToken);
        var consent = await db.Consents.AsNoTracking().FirstAsync(c => c.Id == consentId, cancellationToken);
        if (withdrawn == 0 || await db.Consents.AnyAsync(c => c.ChildId == consent.ChildId && c.WithdrawnAt == null, cancellationToken))
        {
            await transaction.CommitAsync(cancellationToken);
            return consent;
        }

        var shifts = await db.Shifts.FromSql($"""
            SELECT * FROM shifts WHERE id IN (
                SELECT shift_id FROM assignments WHERE volunteer_id = {consent.ChildId} AND withdrawn_at IS NULL AND starts_at > {now})
            ORDER BY id FOR UPDATE
            """).AsNoTracking().ToListAsync(cancellationToken);
        var shiftIds = shifts.Select(s => s.Id).ToList();
        var assignments = await db.Assignments
            .Where(a => a.VolunteerId == consent.ChildId && a.WithdrawnAt == null && shiftIds.Contains(a.ShiftId))
            .ToListAsync(cancellationToken);
        var opportunityIds = shifts.Select(s => s.OpportunityId).Distinct().ToList();
        var requests = await db.Opportunities.AsNoTracking()
            .Where(o => opportunityIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.RequestId, cancellationToken);
        var onShifts = await db.Assignments.AsNoTracking()
            .Where(a => shiftIds.Contains(a.ShiftId) && a.WithdrawnAt == null && a.VolunteerId != consent.ChildId)
            .Join(db.Volunteers.AsNoTracking(), a => a.VolunteerId, v => v.Id, (a, v) => new { a.ShiftId, Volunteer = v })
            .ToListAsync(cancellationToken);

        var left = new List<ShiftLeftByChild>();
        foreach (var assignment in assignments)
        {
            var shift = shifts.Single(s => s.Id == assignment.ShiftId);
            assignment.WithdrawnAt = now;
            db.AddEvent(new VolunteerWithdrawn(assignment.Id, assignment.VolunteerId, requests[shift.OpportunityId], now), now);
            left.Add(new ShiftLeftByChild(shift.Id, shift.StartsAt,
                onShifts.Where(o => o.ShiftId == shift.Id && o.Volunteer.MaySuperviseOn(today)).Select(o => o.Volunteer.Id).ToList()));
        }

        db.AddEvent(new GuardianConsentWithdrawn(consent.Id, consent.ChildId, left, now), now);
        await db.SaveChangesAsync(cancellationToken);
        if (shiftIds.Count > 0)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE shifts SET assigned = assigned - 1 WHERE id = ANY({shiftIds.ToArray()})", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return consent;
    }
}
