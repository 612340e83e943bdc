using Community.Contracts;
using Community.Persistence;
using Community.Messaging.Outbox;
using Community.Messaging.Persistence;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>
/// Puts volunteers on a shift, one or a whole team at once, all or none. The database keeps the shift within
/// its maximum (conditional update + check constraint) and a volunteer out of two places at once (exclusion
/// constraint); the children-per-adult ratio is checked under the shift's row lock.
/// </summary>
public sealed class Roster(VolunteersDbContext db, OutboxSql outbox, TimeProvider time, IOptions<SupervisionOptions> supervision)
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
                return Refused(ConsentMissing(missing));
            }
        }

        // Checks that name who is in the way are read before any lock is taken: they only explain. What must
        // hold under concurrency is decided by the database (the conditional update, the unique index and the
        // exclusion constraint), so the shift's row is locked for as short a time as possible.
        var found = await db.Shifts.AsNoTracking().Where(s => s.Id == shiftId)
            .Select(s => new { Shift = s, RequestId = db.Opportunities.Where(o => o.Id == s.OpportunityId).Select(o => o.RequestId).First() })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return Refused(ShiftProblems.NoSuchShift(shiftId));
        }

        var shift = found.Shift;
        if (shift.Status != ShiftStatuses.Open || shift.StartsAt <= now)
        {
            return Refused(Closed());
        }

        // Already on this shift, or on another at the same time: one read for both.
        var inTheWay = await db.Assignments.AsNoTracking()
            .Where(a => ids.Contains(a.VolunteerId) && a.WithdrawnAt == null
                && (a.ShiftId == shiftId || (a.StartsAt < shift.EndsAt && a.EndsAt > shift.StartsAt)))
            .Select(a => new { a.VolunteerId, a.ShiftId }).ToListAsync(cancellationToken);
        var already = inTheWay.Where(a => a.ShiftId == shiftId).Select(a => a.VolunteerId).ToHashSet();
        if (already.Count > 0)
        {
            return Refused(Problems.Conflict("Already signed up.", $"{Names(volunteers.Where(v => already.Contains(v.Id)))} already on this shift.", ProblemTypes.Duplicate));
        }

        if (inTheWay.Count > 0)
        {
            var busy = inTheWay.Select(a => a.VolunteerId).ToHashSet();
            return Refused(Problems.Conflict("Double-booked.", $"{Names(volunteers.Where(v => busy.Contains(v.Id)))}: another shift at that time.", ShiftProblems.Overlap));
        }

        // Only children joining can break the ratio (an adult joining can only help), so only then is the roster
        // read, under the shift's lock, which an adult's withdrawal takes too, in a transaction around the booking.
        await using var transaction = children.Count > 0 ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (transaction is not null)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM shifts WHERE id = {shiftId} FOR UPDATE", cancellationToken);
            // The consent read above only explains; here it is held. A guardian's withdrawal updates the consent's row,
            // so it waits for this booking to commit (and then takes the child off this shift too), or this finds it
            // withdrawn. Before, a withdrawal committed while the sign-up waited for the shift left the child booked.
            var childIds = children.Select(c => c.Id).ToArray();
            var holding = await db.Database.SqlQuery<Guid>(
                $"SELECT child_id AS \"Value\" FROM guardian_consents WHERE child_id = ANY({childIds}) AND withdrawn_at IS NULL FOR SHARE").ToListAsync(cancellationToken);
            if (children.Where(c => !holding.Contains(c.Id)).ToList() is { Count: > 0 } withdrawn)
            {
                return Refused(ConsentMissing(withdrawn));
            }

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

        var assignments = volunteers.Select(v => new Assignment { Id = Guid.CreateVersion7(), ShiftId = shiftId, VolunteerId = v.Id, AssignedAt = now }).ToList();
        var events = assignments.Select(a => new VolunteerAssigned(a.Id, a.VolunteerId, found.RequestId, now)).ToList();
        IReadOnlyList<ShiftTimes> taken;
        try
        {
            taken = await BookAsync(shiftId, assignments, events, now, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation)
        {
            return Refused(ex.SqlState == PostgresErrorCodes.ExclusionViolation
                ? Problems.Conflict("Double-booked.", "A volunteer has another shift at that time.", ShiftProblems.Overlap)
                : Problems.Conflict("Already signed up.", "A volunteer is already on this shift.", ProblemTypes.Duplicate));
        }

        if (taken.Count == 0)
        {
            var current = await db.Shifts.AsNoTracking().FirstAsync(s => s.Id == shiftId, cancellationToken);
            return Refused(current.Status != ShiftStatuses.Open || current.StartsAt <= now
                ? Closed()
                : Problems.Conflict("The shift is full.",
                    $"It takes at most {current.MaxVolunteers} volunteers; {Math.Max(current.MaxVolunteers - current.Assigned, 0)} place(s) left for {volunteers.Count}.",
                    ShiftProblems.Full));
        }

        outbox.Written(db, events);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var assignment in assignments)
        {
            (assignment.StartsAt, assignment.EndsAt) = (taken[0].StartsAt, taken[0].EndsAt);
        }

        return (assignments, null);
    }

    /// <summary>
    /// One statement, the hot path of a popular shift: takes the places if the shift is still open and has room (the
    /// conditional update), inserts the assignments and writes their events to the outbox. On its own it is one implicit
    /// transaction, so the shift's row is locked only while the server runs it, never across a network wait. Nothing is
    /// written (and no row comes back) when the shift is full or closed; a unique index or the exclusion constraint
    /// refusing an assignment throws, and nothing is written either.
    /// </summary>
    private Task<List<ShiftTimes>> BookAsync(Guid shiftId, IReadOnlyList<Assignment> assignments, IReadOnlyList<VolunteerAssigned> events,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<ShiftTimes>(BookSql, [
            Parameter("shift", shiftId), Parameter("count", assignments.Count), Parameter("now", now),
            Parameter("assignment_ids", assignments.Select(a => a.Id).ToArray()), Parameter("volunteer_ids", assignments.Select(a => a.VolunteerId).ToArray()),
            .. OutboxSql.RowParameters(events, now),
        ]).ToListAsync(cancellationToken);

    private static readonly string BookSql = $"""
        WITH took AS (
            UPDATE shifts SET assigned = assigned + @count
            WHERE id = @shift AND assigned + @count <= max_volunteers AND status = '{ShiftStatuses.Open}' AND starts_at > @now
            RETURNING starts_at, ends_at),
        assigned AS (
            INSERT INTO assignments (id, shift_id, volunteer_id, starts_at, ends_at, assigned_at)
            SELECT a.id, @shift, a.volunteer_id, took.starts_at, took.ends_at, @now
            FROM took CROSS JOIN unnest(@assignment_ids, @volunteer_ids) AS a(id, volunteer_id)),
        announced AS ({OutboxSql.InsertRows(onlyIf: "took")})
        SELECT starts_at, ends_at FROM took
        """;

    private static NpgsqlParameter Parameter<T>(string name, T value) => new NpgsqlParameter<T>(name, value);

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

    private static ProblemDetails ConsentMissing(IEnumerable<Volunteer> children) => Problems.Conflict("A guardian's consent is missing.",
        $"No consent in force for {Names(children)}: the guardian has withdrawn it (or never gave it); they can sign up again once it is given.",
        VolunteerProblems.ConsentMissing);

    private static string Names(IEnumerable<Volunteer> volunteers) => string.Join(", ", volunteers.Select(v => v.DisplayName));
}
