using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Community.Services.Grid.Equipment;

/// <summary>
/// Lending's moves, each in one transaction: lend, return, report broken, add an item (bought or donated), and — after
/// every move that frees an item — offer it to the first resident waiting for its kind, held for them until a deadline
/// (<see cref="EquipmentOptions.HoldFor"/>) after which it lapses to the next. When the last working item of a
/// kind breaks, partners are asked for one (<see cref="EquipmentNeeded"/>, once per kind until it is met). The rules that
/// must hold when two desks act at once are the database's: one open loan per item, one hold per item, one place per
/// resident on a kind's list, one open need per kind.
/// </summary>
public sealed class Lending(GridDbContext db, TimeProvider time, IOptions<EquipmentOptions> options)
{
    /// <summary>One addition or breakage of a kind at a time (a key lock on the kind for the transaction).</summary>
    private const string KindLock = "equipment";

    public static readonly IReadOnlyDictionary<string, string> KindNames = new Dictionary<string, string>
    {
        ["wheelchair"] = "轮椅车", ["walker"] = "助行器", ["crutches"] = "拐杖", ["blood-pressure-monitor"] = "血压计", ["tools"] = "工具",
    };

    /// <summary>Lends the item; null when done, else why not (409).</summary>
    public async Task<(Loan? Loan, ProblemDetails? Refusal)> LendAsync(Guid itemId, Guid residentId, DateOnly dueOn, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked: a hold being placed on it (a resident joining the list) waits for this lend, and sees it.
        var item = await db.EquipmentItems.FromSql($"SELECT * FROM equipment_items WHERE id = {itemId} FOR UPDATE").AsNoTracking().SingleAsync(cancellationToken);
        if (!item.InService)
        {
            return (null, Problems.Conflict("The item is out of service.", "It was reported broken; lend another, or put the resident on the waiting list."));
        }

        var hold = await db.EquipmentWaits.AsNoTracking().FirstOrDefaultAsync(w => w.OfferedItemId == itemId && w.Status == EquipmentWait.Offered, cancellationToken);
        if (hold is not null && hold.ResidentId != residentId)
        {
            return (null, Problems.Conflict("The item is held for someone else.", "It is offered to the first resident on the waiting list; lend it to them, or another item."));
        }

        var loan = Loan.Lend(itemId, residentId, dueOn, actor, now);
        db.EquipmentLoans.Add(loan);
        db.EquipmentItemEvents.Add(ItemEvent.Record(itemId, "lent", actor, $"至 {dueOn:yyyy-MM-dd}", now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ux_equipment_loans_open" })
        {
            return (null, Problems.Conflict("The item is already lent.", "It has not been returned yet; lend another, or put the resident on the waiting list."));
        }

        // Whoever waited for this kind and got it is served.
        await db.EquipmentWaits.Where(w => w.Kind == item.Kind && w.ResidentId == residentId && (w.Status == EquipmentWait.Waiting || w.Status == EquipmentWait.Offered))
            .ExecuteUpdateAsync(u => u.SetProperty(w => w.Status, EquipmentWait.Served), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (loan, null);
    }

    public async Task<ProblemDetails?> ReturnAsync(Guid loanId, string condition, string? note, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The item's row first, then the loan's, as a breakage report takes them. Before, a return locked the loan and
        // then wanted the item while a report held the item and wanted the loan: PostgreSQL broke the deadlock by
        // failing one of them.
        var itemId = await db.EquipmentLoans.Where(l => l.Id == loanId).Select(l => l.ItemId).SingleAsync(cancellationToken);
        var item = (await db.EquipmentItems.LockedAsync(i => i.Id, itemId, cancellationToken))!;
        var returned = await db.EquipmentLoans.Where(l => l.Id == loanId && l.ReturnedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.ReturnedAt, now), cancellationToken);
        if (returned == 0)
        {
            return Problems.Conflict("The loan is already closed.", "The item was returned (or reported broken) before.");
        }

        db.EquipmentItemEvents.Add(ItemEvent.Record(itemId, "returned", actor, note, now));
        if (condition == "broken")
        {
            await BreakAsync(item, note, actor, now, cancellationToken);
        }
        else
        {
            item.Wear(condition);
            await db.SaveChangesAsync(cancellationToken);
            await OfferFreeItemsAsync(item.Kind, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public async Task<ProblemDetails?> ReportBrokenAsync(Guid itemId, string? note, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked, so two reports of one breakage raise one need.
        var item = await db.EquipmentItems.FromSql($"SELECT * FROM equipment_items WHERE id = {itemId} FOR UPDATE").SingleAsync(cancellationToken);
        if (!item.InService)
        {
            return Problems.Conflict("The item is already out of service.", "It was reported broken before.");
        }

        // A broken item on loan comes back with the report.
        await db.EquipmentLoans.Where(l => l.ItemId == itemId && l.ReturnedAt == null).ExecuteUpdateAsync(u => u.SetProperty(l => l.ReturnedAt, now), cancellationToken);
        await BreakAsync(item, note, actor, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public async Task<ProblemDetails?> RepairAsync(Guid itemId, string condition, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked, as a report and a return lock it: a repair and a breakage report at once no longer both pass their checks.
        var item = (await db.EquipmentItems.LockedAsync(i => i.Id, itemId, cancellationToken))!;
        if (item.InService)
        {
            return Problems.Conflict("The item is in service.", "Only an item reported broken can be repaired.");
        }

        item.Repair(condition);
        db.EquipmentItemEvents.Add(ItemEvent.Record(itemId, "repaired", actor, null, now));
        await db.SaveChangesAsync(cancellationToken);
        await OfferFreeItemsAsync(item.Kind, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// New items of a kind (bought, or donated by <paramref name="donatedBy"/>), offered at once to whoever waits; a donation
    /// meets the open need. A <paramref name="label"/> names one item; without one they are numbered.
    /// </summary>
    public async Task<IReadOnlyList<EquipmentItem>> AddAsync(string kind, int count, string? label, string condition, string? donatedBy, string actor, CancellationToken cancellationToken)
    {
        if (label is not null && count != 1)
        {
            throw new ArgumentException("A label names one item; several are numbered.", nameof(label));
        }

        var now = time.GetUtcNow();
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        // One addition or breakage of a kind at a time: two desks adding wheelchairs at once number them 3号 and 4号,
        // not 3号 twice, and a donation meeting the need cannot cross a breakage raising it.
        await db.Database.LockForTransactionAsync(KindLock, [kind], cancellationToken);
        IReadOnlyList<string> labels = [label!];
        if (label is null)
        {
            var used = await db.EquipmentItems.Where(i => i.Kind == kind).Select(i => i.Label).ToListAsync(cancellationToken);
            labels = EquipmentItem.NumberedLabels(KindNames[kind], used.Count, used.ToHashSet(), count);
        }

        var items = labels.Select(l => EquipmentItem.Add(kind, l, condition, donatedBy, now)).ToList();
        db.EquipmentItems.AddRange(items);
        db.EquipmentItemEvents.AddRange(items.Select(i => ItemEvent.Record(i.Id, "added", actor, donatedBy is null ? null : $"{donatedBy} 捐赠", now)));
        await db.SaveChangesAsync(cancellationToken);
        if (donatedBy is not null)
        {
            await db.EquipmentNeeds.Where(n => n.Kind == kind && n.MetAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.MetAt, now).SetProperty(n => n.MetBy, donatedBy), cancellationToken);
        }

        await OfferFreeItemsAsync(kind, now, cancellationToken);
        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(cancellationToken);
            await ownTransaction.DisposeAsync();
        }

        return items;
    }

    /// <summary>Joins a kind's waiting list; an item free now is offered at once.</summary>
    public async Task<(EquipmentWait? Wait, ProblemDetails? Refusal)> WaitAsync(string kind, Guid residentId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var wait = EquipmentWait.Join(kind, residentId, now);
        db.EquipmentWaits.Add(wait);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return (null, Problems.Conflict("Already waiting.", "The resident is already on this kind's waiting list.", ProblemTypes.Duplicate));
        }

        await OfferFreeItemsAsync(kind, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (wait, null);
    }

    private sealed record CancelledRow(string Kind, Guid? OfferedItemId);

    /// <summary>
    /// Takes a resident off a kind's waiting list (they no longer need it, or will not come for the item held for them);
    /// an item held for them is offered at once to the next person waiting. False when they were no longer waiting.
    /// </summary>
    public async Task<bool> CancelWaitAsync(Guid waitId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await CancelWaitWithinAsync(waitId, cancellationToken))
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary><see cref="CancelWaitAsync"/> inside the caller's transaction (a resident's erasure cancels all their waits in one).</summary>
    public async Task<bool> CancelWaitWithinAsync(Guid waitId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Conditional: a cancellation racing the lend that serves the hold (or a second cancellation) finds it changed.
        var cancelled = await db.Database.SqlQuery<CancelledRow>($"""
            UPDATE equipment_waits SET status = 'cancelled'
            WHERE id = {waitId} AND status IN ('waiting', 'offered')
            RETURNING kind, offered_item_id
            """).ToListAsync(cancellationToken);
        if (cancelled.Count == 0)
        {
            return false;
        }

        if (cancelled[0].OfferedItemId is not null)
        {
            await OfferFreeItemsAsync(cancelled[0].Kind, now, cancellationToken);
        }

        return true;
    }

    private sealed record LapsedRow(Guid Id, string Kind, Guid ResidentId, Guid OfferedItemId);

    /// <summary>
    /// Holds past their deadline lapse, in one transaction: the resident leaves the list (and is told, to queue again if
    /// they still need it), the item's history says so, and it is offered to the next person waiting. Claimed by a
    /// conditional update, so a lend or a cancellation racing it, or a second instance, finds the hold changed.
    /// </summary>
    public async Task<int> LapseDueHoldsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The item is locked with its hold, as a lend or a breakage locks the item first: a hold whose item is being lent
        // or reported broken right now is skipped (that move settles it), and the two never wait on each other in turn.
        var lapsed = await db.Database.SqlQuery<LapsedRow>($"""
            UPDATE equipment_waits w SET status = 'lapsed'
            FROM (SELECT d.id FROM equipment_waits d JOIN equipment_items i ON i.id = d.offered_item_id
                  WHERE d.status = 'offered' AND d.held_until <= {now}
                  ORDER BY d.held_until LIMIT 500
                  FOR UPDATE OF d, i SKIP LOCKED) due
            WHERE w.id = due.id AND w.status = 'offered'
            RETURNING w.id, w.kind, w.resident_id, w.offered_item_id
            """).ToListAsync(cancellationToken);
        foreach (var hold in lapsed)
        {
            db.EquipmentItemEvents.Add(ItemEvent.Record(hold.OfferedItemId, "hold-lapsed", "system", null, now));
            db.AddEvent(new EquipmentHoldLapsed(hold.Id, hold.ResidentId, hold.Kind, hold.OfferedItemId, now), now);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var kind in lapsed.Select(h => h.Kind).Distinct())
        {
            await OfferFreeItemsAsync(kind, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return lapsed.Count;
    }

    private async Task BreakAsync(EquipmentItem item, string? note, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One breakage of a kind at a time: the last two chairs broken at two desks at once still raise the need.
        await db.Database.LockForTransactionAsync(KindLock, [item.Kind], cancellationToken);
        item.Break();
        db.EquipmentItemEvents.Add(ItemEvent.Record(item.Id, "broken", actor, note, now));
        // Whoever it was held for waits again, at the head of the list (their place by when they joined).
        await db.EquipmentWaits.Where(w => w.OfferedItemId == item.Id && w.Status == EquipmentWait.Offered)
            .ExecuteUpdateAsync(u => u.SetProperty(w => w.Status, EquipmentWait.Waiting).SetProperty(w => w.OfferedItemId, (Guid?)null).SetProperty(w => w.OfferedAt, (DateTimeOffset?)null).SetProperty(w => w.HeldUntil, (DateTimeOffset?)null), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await OfferFreeItemsAsync(item.Kind, now, cancellationToken);

        var working = await db.EquipmentItems.CountAsync(i => i.Kind == item.Kind && i.InService, cancellationToken);
        if (working > 0)
        {
            return;
        }

        var needId = Guid.CreateVersion7();
        var raised = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO equipment_needs (id, kind, raised_at) VALUES ({needId}, {item.Kind}, {now}) ON CONFLICT (kind) WHERE met_at IS NULL DO NOTHING", cancellationToken);
        if (raised == 1)
        {
            var waiting = await db.EquipmentWaits.CountAsync(w => w.Kind == item.Kind && w.Status == EquipmentWait.Waiting, cancellationToken);
            db.AddEvent(new EquipmentNeeded(needId, item.Kind, 1, waiting, now), now);
        }
    }

    private sealed record HeldRow(Guid WaitId, Guid ResidentId);

    /// <summary>Holds every free working item of the kind for the first resident waiting, in the order they joined, and tells them.</summary>
    private async Task OfferFreeItemsAsync(string kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Items being lent right now are locked by the lend and skipped: once it commits they are not free.
        var free = await db.Database.SqlQuery<Guid>($"""
            SELECT i.id AS "Value" FROM equipment_items i
            WHERE i.kind = {kind} AND i.in_service
              AND NOT EXISTS (SELECT 1 FROM equipment_loans l WHERE l.item_id = i.id AND l.returned_at IS NULL)
              AND NOT EXISTS (SELECT 1 FROM equipment_waits w WHERE w.offered_item_id = i.id AND w.status = 'offered')
            ORDER BY i.added_at
            FOR UPDATE OF i SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var heldUntil = now + options.Value.HoldFor;
        foreach (var itemId in free)
        {
            var held = await db.Database.SqlQuery<HeldRow>($"""
                UPDATE equipment_waits SET status = 'offered', offered_item_id = {itemId}, offered_at = {now}, held_until = {heldUntil}
                WHERE id = (SELECT id FROM equipment_waits WHERE kind = {kind} AND status = 'waiting' ORDER BY joined_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id AS wait_id, resident_id
                """).ToListAsync(cancellationToken);
            if (held.Count == 0)
            {
                break;
            }

            // The resident (or their grid team, for someone without a smartphone) is told to come for it.
            db.AddEvent(new EquipmentHeld(held[0].WaitId, held[0].ResidentId, kind, itemId, now, heldUntil), now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
