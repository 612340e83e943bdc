using System.Linq.Expressions;
using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Persistence;
using Community.Services.Activities.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Activities.Registrations;

/// <summary>
/// An offer waiting on a grid team's call (Notices' <c>CallListEntryOpened</c>): the resident has no app or chose to be
/// told in person, so the offer may not lapse until the team has told them or recorded that they could not
/// (<c>CallListEntryHandled</c>). A resident told after the deadline still has <see cref="Grace"/> to say yes. An offer
/// to a resident with no account is held from the moment it is made (<see cref="Waitlist"/>), not only once Notices
/// answers, so it cannot lapse while Notices is down. No hold keeps an offer open past the session's start.
/// </summary>
public sealed class OfferCallHold
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(30);

    public Guid RegistrationId { get; set; }

    public Guid EntryId { get; set; }

    /// <summary>True until the call list entry is handled.</summary>
    public bool Pending { get; set; }

    /// <summary>After "told": the offer stays open at least until then.</summary>
    public DateTimeOffset? OpenUntil { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Whether a hold keeps an offer open at <paramref name="now"/> (past its own deadline).</summary>
    public static Expression<Func<OfferCallHold, bool>> KeepsOpen(DateTimeOffset now) => hold => hold.Pending || hold.OpenUntil > now;
}

internal sealed class OfferCallHoldConfiguration : IEntityTypeConfiguration<OfferCallHold>
{
    public void Configure(EntityTypeBuilder<OfferCallHold> hold)
    {
        hold.ToTable("offer_call_holds");
        hold.HasKey(h => h.RegistrationId);
    }
}

/// <summary>Holds an offer open while the resident's grid team has still to tell them.</summary>
public sealed class CallListEntryOpenedConsumer(ActivitiesDbContext db, TimeProvider time, ILogger<CallListEntryOpenedConsumer> logger)
    : IdempotentConsumer<CallListEntryOpened, ActivitiesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(CallListEntryOpened message, ConsumeContext<CallListEntryOpened> context)
    {
        if (message.RegistrationId is not { } registrationId)
        {
            return; // nothing to hold
        }

        var hold = await Db.OfferCallHolds.LockedAsync(h => h.RegistrationId, registrationId, context.CancellationToken);
        if (hold is null)
        {
            Db.OfferCallHolds.Add(new OfferCallHold { RegistrationId = registrationId, EntryId = message.EntryId, Pending = true, ChangedAt = message.OpenedAt });
        }
        else if (hold.EntryId == Guid.Empty || (hold.ChangedAt < message.OpenedAt && hold.EntryId != message.EntryId))
        {
            // Held when the offer was made and now named by its entry, or a new offer after an earlier one was handled.
            hold.EntryId = message.EntryId;
            hold.Pending = true;
            hold.OpenUntil = null;
            hold.ChangedAt = message.OpenedAt;
        }
    }
}

/// <summary>The team told the resident (the offer stays open a short grace if its deadline passed) or could not reach them (it lapses at its deadline).</summary>
public sealed class CallListEntryHandledConsumer(ActivitiesDbContext db, TimeProvider time, ILogger<CallListEntryHandledConsumer> logger)
    : IdempotentConsumer<CallListEntryHandled, ActivitiesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(CallListEntryHandled message, ConsumeContext<CallListEntryHandled> context)
    {
        if (message.RegistrationId is not { } registrationId)
        {
            return;
        }

        var hold = await Db.OfferCallHolds.LockedAsync(h => h.RegistrationId, registrationId, context.CancellationToken);
        if (hold is null)
        {
            // Handled before the opening arrived: remember it, so a late opening does not hold the offer again.
            hold = Db.OfferCallHolds.Add(new OfferCallHold { RegistrationId = registrationId, EntryId = message.EntryId }).Entity;
        }
        else if (hold.EntryId != Guid.Empty && hold.EntryId != message.EntryId && (hold.Pending || hold.ChangedAt > message.HandledAt))
        {
            // About an earlier offer: the hold waits on another entry, or changed after this one was handled. A later
            // offer's entry handled before its opening arrived (the hold still on the earlier, handled one) goes on.
            return;
        }

        // Held when the offer was made, before its entry was named: naming it now keeps a late opening from holding it again.
        hold.EntryId = message.EntryId;
        hold.Pending = false;
        hold.OpenUntil = message.Outcome == "told" ? message.HandledAt + OfferCallHold.Grace : null;
        hold.ChangedAt = message.HandledAt;
    }
}
