using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Equipment;

/// <summary>
/// Something the station lends free of charge (the wheelchair of story 1): its kind, a label to tell two apart, its
/// condition, whether it is in service, and where it came from. Its history is kept in <see cref="ItemEvent"/>s.
/// </summary>
public sealed class EquipmentItem
{
    public static readonly IReadOnlyList<string> Kinds = ["wheelchair", "walker", "crutches", "blood-pressure-monitor", "tools"];
    public static readonly IReadOnlyList<string> Conditions = ["good", "worn", "broken"];

    private EquipmentItem()
    {
    }

    public Guid Id { get; private set; }

    public string Kind { get; private set; } = "";

    public string Label { get; private set; } = "";

    public string Condition { get; private set; } = "good";

    public bool InService { get; private set; } = true;

    /// <summary>Who gave it: a partner organisation's name for a donation, null for the station's own.</summary>
    public string? DonatedBy { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public static EquipmentItem Add(string kind, string label, string condition, string? donatedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Kind = kind,
        Label = label.Trim(),
        Condition = condition,
        DonatedBy = donatedBy,
        AddedAt = now,
    };

    /// <summary>
    /// Labels for <paramref name="count"/> new items of a kind when staff give none: "轮椅车 4号" after three items,
    /// numbering on from how many the kind has and skipping any label already used (one staff typed themselves).
    /// </summary>
    public static IReadOnlyList<string> NumberedLabels(string kindName, int itemsOfKind, IReadOnlySet<string> usedLabels, int count)
    {
        var labels = new List<string>(count);
        for (var n = itemsOfKind + 1; labels.Count < count; n++)
        {
            var label = $"{kindName} {n}号";
            if (!usedLabels.Contains(label))
            {
                labels.Add(label);
            }
        }

        return labels;
    }

    public void Break()
    {
        Condition = "broken";
        InService = false;
    }

    public void Repair(string condition)
    {
        Condition = condition;
        InService = true;
    }

    public void Wear(string condition) => Condition = condition;
}

/// <summary>One line of an item's history: added, lent, returned, broken, repaired.</summary>
public sealed class ItemEvent
{
    private ItemEvent()
    {
    }

    public long Id { get; private set; }

    public Guid ItemId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string What { get; private set; } = "";

    public string By { get; private set; } = "";

    public string? Note { get; private set; }

    public static ItemEvent Record(Guid itemId, string what, string by, string? note, DateTimeOffset now) =>
        new() { ItemId = itemId, What = what, By = by, Note = note, At = now };
}

internal sealed class EquipmentItemConfiguration : IEntityTypeConfiguration<EquipmentItem>
{
    public void Configure(EntityTypeBuilder<EquipmentItem> item)
    {
        item.ToTable("equipment_items", table =>
        {
            table.HasCheckConstraint("ck_equipment_items_kind", "kind IN ('wheelchair', 'walker', 'crutches', 'blood-pressure-monitor', 'tools')");
            table.HasCheckConstraint("ck_equipment_items_condition", "condition IN ('good', 'worn', 'broken')");
            table.HasCheckConstraint("ck_equipment_items_broken_out_of_service", "condition <> 'broken' OR NOT in_service");
        });
        item.HasKey(i => i.Id);
        item.Property(i => i.Id).ValueGeneratedNever();
        item.Property(i => i.Kind).HasMaxLength(30);
        item.Property(i => i.Label).HasMaxLength(50);
        item.Property(i => i.Condition).HasMaxLength(10);
        item.Property(i => i.DonatedBy).HasMaxLength(100);
        item.HasIndex(i => new { i.Kind, i.InService });
    }
}

internal sealed class ItemEventConfiguration : IEntityTypeConfiguration<ItemEvent>
{
    public void Configure(EntityTypeBuilder<ItemEvent> history)
    {
        history.ToTable("equipment_item_events");
        history.HasKey(e => e.Id);
        history.Property(e => e.Id).UseIdentityAlwaysColumn();
        history.Property(e => e.What).HasMaxLength(20);
        history.Property(e => e.By).HasMaxLength(200);
        history.Property(e => e.Note).HasMaxLength(500);
        history.HasOne<EquipmentItem>().WithMany().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Cascade);
        history.HasIndex(e => new { e.ItemId, e.At });
    }
}
