using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Http;
using Community.Services.Partners.Data;
using Community.Services.Partners.PublicEvents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Partners.Pledges;

/// <summary>
/// The pledge's moves, each a conditional update from the one state it may leave (two staff members confirming at once:
/// one wins, the other gets a conflict). Confirming receipt counts it towards the need (closing it once enough came),
/// and tells the platform (<see cref="PledgeFulfilled"/>, so Grid lends the donated item) and the partners
/// (<c>cn.community.pledge.fulfilled</c>) in the same transaction.
/// </summary>
public sealed class PledgeWorkflow(PartnersDbContext db, PublicEventWriter publicEvents, DeliverySignals signals, TimeProvider time)
{
    /// <summary>Null when the move was made; else why not (409).</summary>
    public async Task<ProblemDetails?> MoveAsync(Guid pledgeId, string to, string actor, string? reason, CancellationToken cancellationToken)
    {
        var from = PledgeMoves.RequiredState[to];
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pledges = db.Pledges.Where(p => p.Id == pledgeId && p.Status == from);
        var moved = to switch
        {
            Pledge.Accepted => await pledges.ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, to).SetProperty(p => p.DecidedAt, now).SetProperty(p => p.DecidedBy, actor), cancellationToken),
            Pledge.Declined => await pledges.ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, to).SetProperty(p => p.DecidedAt, now).SetProperty(p => p.DecidedBy, actor)
                .SetProperty(p => p.DeclineReason, reason), cancellationToken),
            Pledge.Delivered => await pledges.ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, to).SetProperty(p => p.DeliveredAt, now), cancellationToken),
            _ => await pledges.ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, to).SetProperty(p => p.FulfilledAt, now).SetProperty(p => p.ConfirmedBy, actor), cancellationToken),
        };
        if (moved == 0)
        {
            var status = await db.Pledges.Where(p => p.Id == pledgeId).Select(p => p.Status).FirstOrDefaultAsync(cancellationToken);
            return Problems.Conflict("The pledge cannot make that move now.", $"The pledge is {status}; only a pledge that is {from} can become {to}.");
        }

        if (to == Pledge.Fulfilled)
        {
            await FulfilAsync(pledgeId, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signals.Wake();
        return null;
    }

    private async Task FulfilAsync(Guid pledgeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pledge = await db.Pledges.AsNoTracking().SingleAsync(p => p.Id == pledgeId, cancellationToken);
        // Counted in one statement, so two receipts confirmed at once both count; the need closes once enough came.
        await db.Database.ExecuteSqlAsync($"""
            UPDATE needs SET received = received + {pledge.Quantity},
                closed_at = CASE WHEN closed_at IS NULL AND received + {pledge.Quantity} >= quantity THEN {now} ELSE closed_at END
            WHERE id = {pledge.NeedId}
            """, cancellationToken);
        var need = await db.Needs.AsNoTracking().SingleAsync(n => n.Id == pledge.NeedId, cancellationToken);
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == pledge.OrganisationId, cancellationToken);
        db.AddEvent(new PledgeFulfilled(pledge.Id, need.Id, need.Kind, need.SourceId, need.ItemKind, organisation.Id, organisation.Name, pledge.Quantity, now), now);
        await publicEvents.AppendAsync(PublicEventCatalogue.PledgeFulfilled, need.Id.ToString(),
            new PledgeFulfilledData(pledge.Id, need.Id, need.Kind, organisation.Name, pledge.Quantity, now), now, cancellationToken);
    }
}
