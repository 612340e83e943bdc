using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Equipment;

/// <summary>An item lent to a resident until a due date. One open loan per item: the database refuses a second.</summary>
public sealed class Loan
{
    private Loan()
    {
    }

    public Guid Id { get; private set; }

    public Guid ItemId { get; private set; }

    public Guid ResidentId { get; private set; }

    public DateTimeOffset LentAt { get; private set; }

    public DateOnly DueOn { get; private set; }

    public string LentBy { get; private set; } = "";

    public DateTimeOffset? ReturnedAt { get; private set; }

    public static Loan Lend(Guid itemId, Guid residentId, DateOnly dueOn, string lentBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        ItemId = itemId,
        ResidentId = residentId,
        DueOn = dueOn,
        LentBy = lentBy,
        LentAt = now,
    };
}

/// <summary>
/// A resident waiting for an item of a kind when none is free. First come, first offered: when an item becomes
/// lendable it is held for the first one waiting (<see cref="OfferedItemId"/>) until the team lends it to them, or until
/// <see cref="HeldUntil"/>: then the hold lapses and the item goes to the next one.
/// </summary>
public sealed class EquipmentWait
{
    public const string Waiting = "waiting";
    public const string Offered = "offered";
    public const string Served = "served";
    public const string Cancelled = "cancelled";
    public const string Lapsed = "lapsed";

    private EquipmentWait()
    {
    }

    public Guid Id { get; private set; }

    public string Kind { get; private set; } = "";

    public Guid ResidentId { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    public string Status { get; private set; } = Waiting;

    public Guid? OfferedItemId { get; private set; }

    public DateTimeOffset? OfferedAt { get; private set; }

    public DateTimeOffset? HeldUntil { get; private set; }

    public static EquipmentWait Join(string kind, Guid residentId, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), Kind = kind, ResidentId = residentId, JoinedAt = now };
}

/// <summary>No working item of a kind is left: partners are asked (once per kind at a time) until a donation arrives.</summary>
public sealed class EquipmentNeed
{
    private EquipmentNeed()
    {
    }

    public Guid Id { get; private set; }

    public string Kind { get; private set; } = "";

    public DateTimeOffset RaisedAt { get; private set; }

    public DateTimeOffset? MetAt { get; private set; }

    public string? MetBy { get; private set; }
}

internal sealed class LoanConfiguration : IEntityTypeConfiguration<Loan>
{
    public void Configure(EntityTypeBuilder<Loan> loan)
    {
        loan.ToTable("equipment_loans");
        loan.HasKey(l => l.Id);
        loan.Property(l => l.Id).ValueGeneratedNever();
        loan.Property(l => l.LentBy).HasMaxLength(200);
        loan.HasOne<EquipmentItem>().WithMany().HasForeignKey(l => l.ItemId).OnDelete(DeleteBehavior.Restrict);
        loan.HasOne<Places.Resident>().WithMany().HasForeignKey(l => l.ResidentId).OnDelete(DeleteBehavior.Restrict);
        // No two loans of one item at once, whatever two people at two desks do.
        loan.HasIndex(l => l.ItemId).IsUnique().HasFilter("returned_at IS NULL").HasDatabaseName("ux_equipment_loans_open");
        loan.HasIndex(l => l.DueOn).HasFilter("returned_at IS NULL").HasDatabaseName("ix_equipment_loans_due");
        loan.HasIndex(l => l.ResidentId);
    }
}

internal sealed class EquipmentWaitConfiguration : IEntityTypeConfiguration<EquipmentWait>
{
    public void Configure(EntityTypeBuilder<EquipmentWait> wait)
    {
        wait.ToTable("equipment_waits", table =>
        {
            table.HasCheckConstraint("ck_equipment_waits_status", "status IN ('waiting', 'offered', 'served', 'cancelled', 'lapsed')");
            // A hold always has its deadline: none can sit for ever.
            table.HasCheckConstraint("ck_equipment_waits_offered_until", "status <> 'offered' OR held_until IS NOT NULL");
        });
        wait.HasKey(w => w.Id);
        wait.Property(w => w.Id).ValueGeneratedNever();
        wait.Property(w => w.Kind).HasMaxLength(30);
        wait.Property(w => w.Status).HasMaxLength(20);
        wait.HasOne<Places.Resident>().WithMany().HasForeignKey(w => w.ResidentId).OnDelete(DeleteBehavior.Restrict);
        // Once on a kind's list at a time; an item held for one person only.
        wait.HasIndex(w => new { w.Kind, w.ResidentId }).IsUnique().HasFilter("status IN ('waiting', 'offered')").HasDatabaseName("ux_equipment_waits_once");
        wait.HasIndex(w => w.OfferedItemId).IsUnique().HasFilter("status = 'offered'").HasDatabaseName("ux_equipment_waits_item_offered_once");
        wait.HasIndex(w => new { w.Kind, w.JoinedAt }).HasFilter("status = 'waiting'");
        wait.HasIndex(w => w.HeldUntil).HasFilter("status = 'offered'").HasDatabaseName("ix_equipment_waits_held_until");
    }
}

internal sealed class EquipmentNeedConfiguration : IEntityTypeConfiguration<EquipmentNeed>
{
    public void Configure(EntityTypeBuilder<EquipmentNeed> need)
    {
        need.ToTable("equipment_needs");
        need.HasKey(n => n.Id);
        need.Property(n => n.Id).ValueGeneratedNever();
        need.Property(n => n.Kind).HasMaxLength(30);
        need.Property(n => n.MetBy).HasMaxLength(100);
        need.HasIndex(n => n.Kind).IsUnique().HasFilter("met_at IS NULL").HasDatabaseName("ux_equipment_needs_open");
    }
}
