using Community.Contracts;
using Community.Persistence;
using Community.Messaging.Persistence;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>
/// Puts volunteers on a shift, one or a whole team at once, all or none. The database keeps the shift within
/// its maximum (conditional update + check constraint) and a volunteer out of two places at once (exclusion
/// constraint); the children-per-adult ratio is checked under the shift's row lock.
/// </summary>
public sealed class Roster(VolunteersDbContext db, TimeProvider time, IOptions<SupervisionOptions> supervision)
{
    private int ChildrenPerAdult => supervision.Value.ChildrenPerAdult;

    public async Task<(IReadOnlyList<Assignment> Assigned, ProblemDetails? Problem)> AssignAsync(
        Guid shiftId, IReadOnlyList<Volunteer> volunteers, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = Neighbourhood.Today(now);
        var ids = volunteers.Select(v => v.Id).ToList();
        var children = volunteers.Where(v => v.IsMinorOn(today)).ToList();
        if (children.Count > 0)
        {
            var childIds = children.Select(c => c.Id).ToList();
            var consented = await db.Consents.AsNoTracking().Where(c => childIds.Contains(c.ChildId) && c.WithdrawnAt == null)
                .Select(c => c.ChildId).Distinct().ToListAsync(cancellationToken);
            var missing = children.Where(c => !consented.Contains(c.Id)).ToList();
            if (missing.Count > 0)
            {
                return Refused(Problems.Conflict("A guardian's consent is missing.",
                    $"No consent in force for {Names(missing)}: the guardian has withdrawn it (or never gave it); they can sign up again once it is given.",
                    VolunteerProblems.ConsentMissing));
            }
        }

        // Checks that name who is in the way are read before any lock is taken: they only explain. What must
        // hold under concurrency is decided by the database (the conditional update, the unique index and the
        // exclusion constraint), so the shift's row is locked for as short a time as possible.
        var shift = await db.Shifts.AsNoTracking().FirstOrDefaultAsync(s => s.Id == shiftId, cancellationToken);
        if (shift is null)
        {
            return Refused(ShiftProblems.NoSuchShift(shiftId));
        }

        if (shift.Status != ShiftStatuses.Open || shift.StartsAt <= now)
        {
            return Refused(Closed());
        }

        var already = await db.Assignments.AsNoTracking().Where(a => a.ShiftId == shiftId && a.WithdrawnAt == null && ids.Contains(a.VolunteerId))
            .Select(a => a.VolunteerId).ToListAsync(cancellationToken);
        if (already.Count > 0)
        {
            return Refused(Problems.Conflict("Already signed up.", $"{Names(volunteers.Where(v => already.Contains(v.Id)))} already on this shift.", ProblemTypes.Duplicate));
        }

        var busy = await db.Assignments.AsNoTracking()
            .Where(a => ids.Contains(a.VolunteerId) && a.WithdrawnAt == null && a.StartsAt < shift.EndsAt && a.EndsAt > shift.StartsAt)
            .Select(a => a.VolunteerId).Distinct().ToListAsync(cancellationToken);
        if (busy.Count > 0)
        {
            return Refused(Problems.Conflict("Double-booked.", $"{Names(volunteers.Where(v => busy.Contains(v.Id)))}: another shift at that time.", ShiftProblems.Overlap));
        }

        var requestId = await db.Opportunities.Where(o => o.Id == shift.OpportunityId).Select(o => o.RequestId).FirstAsync(cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Only children joining can break the ratio (an adult joining can only help), so only then is the roster
        // read, under the shift's lock, which an adult's withdrawal takes too.
        if (children.Count > 0)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM shifts WHERE id = {shiftId} FOR UPDATE", cancellationToken);
            var (onChildren, onAdults) = await SupervisionAsync(shiftId, today, cancellationToken);
            var childrenAfter = onChildren + children.Count;
            var adultsAfter = onAdults + volunteers.Count(v => v.MaySuperviseOn(today));
            if (!SupervisionRatio.IsKept(childrenAfter, adultsAfter, ChildrenPerAdult))
            {
                return Refused(Problems.Conflict("Not enough adult supervisors.",
                    $"A shift takes at most {ChildrenPerAdult} children per adult supervisor; with this sign-up it would have {childrenAfter} child(ren) and {adultsAfter} supervisor(s). " +
                    "Only adults the service station marked as supervisors count.",
                    VolunteerProblems.RatioBroken));
            }
        }

        // One statement takes the places, if the shift is still open and has room, and returns its current times.
        var taken = await db.Database.SqlQuery<ShiftTimes>($"""
            UPDATE shifts SET assigned = assigned + {volunteers.Count}
            WHERE id = {shiftId} AND assigned + {volunteers.Count} <= max_volunteers AND status = 'open' AND starts_at > {now}
            RETURNING starts_at, ends_at
            """).ToListAsync(cancellationToken);
        if (taken.Count == 0)
        {
            var current = await db.Shifts.AsNoTracking().FirstAsync(s => s.Id == shiftId, cancellationToken);
            return Refused(current.Status != ShiftStatuses.Open || current.StartsAt <= now
                ? Closed()
                : Problems.Conflict("The shift is full.",
                    $"It takes at most {current.MaxVolunteers} volunteers; {Math.Max(current.MaxVolunteers - current.Assigned, 0)} place(s) left for {volunteers.Count}.",
                    ShiftProblems.Full));
        }

        var assignments = volunteers.Select(v => new Assignment
        {
            Id = Guid.CreateVersion7(),
            ShiftId = shiftId,
            VolunteerId = v.Id,
            StartsAt = taken[0].StartsAt,
            EndsAt = taken[0].EndsAt,
            AssignedAt = now,
        }).ToList();
        foreach (var assignment in assignments)
        {
            db.Assignments.Add(assignment);
            db.AddEvent(new VolunteerAssigned(assignment.Id, assignment.VolunteerId, requestId, now), now);
        }

        if (await db.TrySaveChangesAsync(cancellationToken) is { } violation)
        {
            return Refused(violation.IsExclusion
                ? Problems.Conflict("Double-booked.", "A volunteer has another shift at that time.", ShiftProblems.Overlap)
                : Problems.Conflict("Already signed up.", "A volunteer is already on this shift.", ProblemTypes.Duplicate));
        }

        await transaction.CommitAsync(cancellationToken);
        return (assignments, null);
    }

    /// <summary>Takes a volunteer off a shift; refused when it would leave children with too few adults.</summary>
    public async Task<(Assignment? Withdrawn, ProblemDetails? Problem)> WithdrawAsync(Assignment assignment, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = Neighbourhood.Today(now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var shift = await db.Shifts.FromSql($"SELECT * FROM shifts WHERE id = {assignment.ShiftId} FOR UPDATE").FirstAsync(cancellationToken);
        await db.Entry(assignment).ReloadAsync(cancellationToken);
        if (assignment.WithdrawnAt is not null)
        {
            return (null, Problems.Conflict("Already withdrawn.", "The volunteer left this shift before.", ShiftProblems.Closed));
        }

        var volunteer = await db.Volunteers.AsNoTracking().FirstAsync(v => v.Id == assignment.VolunteerId, cancellationToken);
        if (volunteer.MaySuperviseOn(today))
        {
            var (children, adults) = await SupervisionAsync(shift.Id, today, cancellationToken);
            if (!SupervisionRatio.IsKept(children, adults - 1, ChildrenPerAdult))
            {
                return (null, Problems.Conflict("The children would be left without enough supervisors.",
                    $"The shift has {children} child(ren) and would keep {adults - 1} supervisor(s) (at most {ChildrenPerAdult} children per adult supervisor). " +
                    "Find another adult to sign up first, or withdraw children with their guardians.", VolunteerProblems.RatioBroken));
            }
        }

        assignment.WithdrawnAt = now;
        var requestId = await db.Opportunities.Where(o => o.Id == shift.OpportunityId).Select(o => o.RequestId).FirstAsync(cancellationToken);
        db.AddEvent(new VolunteerWithdrawn(assignment.Id, assignment.VolunteerId, requestId, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE shifts SET assigned = assigned - 1 WHERE id = {shift.Id}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (assignment, null);
    }

    private async Task<(int Children, int Adults)> SupervisionAsync(Guid shiftId, DateOnly today, CancellationToken cancellationToken)
    {
        var onShift = await db.Assignments.AsNoTracking().Where(a => a.ShiftId == shiftId && a.WithdrawnAt == null)
            .Join(db.Volunteers.AsNoTracking(), a => a.VolunteerId, v => v.Id, (_, v) => v).ToListAsync(cancellationToken);
        return (onShift.Count(v => v.IsMinorOn(today)), onShift.Count(v => v.MaySuperviseOn(today)));
    }

    private static (IReadOnlyList<Assignment>, ProblemDetails) Refused(ProblemDetails problem) => ([], problem);

    private static ProblemDetails Closed() =>
        Problems.Conflict("The shift is closed.", "Sign-ups close when a shift starts, is completed or is cancelled.", ShiftProblems.Closed);

    internal sealed record ShiftTimes(DateTimeOffset StartsAt, DateTimeOffset EndsAt);

    private static string Names(IEnumerable<Volunteer> volunteers) => string.Join(", ", volunteers.Select(v => v.DisplayName));
}
