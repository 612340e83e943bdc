using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Opportunities;
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

        var shifts = await db.LeaveComingShiftsAsync(consent.ChildId, now, cancellationToken);
        var shiftIds = shifts.Select(s => s.Id).ToList();
        var onShifts = await db.Assignments.AsNoTracking()
            .Where(a => shiftIds.Contains(a.ShiftId) && a.WithdrawnAt == null && a.VolunteerId != consent.ChildId)
            .Join(db.Volunteers.AsNoTracking(), a => a.VolunteerId, v => v.Id, (a, v) => new { a.ShiftId, Volunteer = v })
            .ToListAsync(cancellationToken);
        var left = shifts.Select(shift => new ShiftLeftByChild(shift.Id, shift.StartsAt,
            onShifts.Where(o => o.ShiftId == shift.Id && o.Volunteer.MaySuperviseOn(today)).Select(o => o.Volunteer.Id).ToList())).ToList();
        db.AddEvent(new GuardianConsentWithdrawn(consent.Id, consent.ChildId, left, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return consent;
    }
}
