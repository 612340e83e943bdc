using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Partners.Pledges;

/// <summary>
/// Something the neighbourhood needs from partners: equipment (raised by Grid when none is left to lend), volunteers
/// (a shift still short of people), a venue to host, a sponsorship (both added by staff). Open until enough is pledged
/// and received, or staff close it.
/// </summary>
public sealed class Need
{
    public static readonly IReadOnlyList<string> Kinds = ["equipment", "volunteers", "venue", "sponsorship"];

    /// <summary>The kinds station staff add by hand; the others come from the services that notice them.</summary>
    public static readonly IReadOnlyList<string> StaffKinds = ["venue", "sponsorship"];

    private Need()
    {
    }

    public Guid Id { get; private set; }

    public string Kind { get; private set; } = "";

    /// <summary>The need's id in the service that raised it: Grid's equipment need, Volunteers' shift.</summary>
    public Guid? SourceId { get; private set; }

    public string? ItemKind { get; private set; }

    public string Title { get; private set; } = "";

    public int Quantity { get; private set; }

    /// <summary>How much of it staff have received so far.</summary>
    public int Received { get; private set; }

    public DateTimeOffset? NeededBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public bool Open => ClosedAt is null;

    public static Need Raise(string kind, Guid? sourceId, string? itemKind, string title, int quantity, DateTimeOffset? neededBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Kind = kind,
        SourceId = sourceId,
        ItemKind = itemKind,
        Title = title.Trim(),
        Quantity = quantity,
        NeededBy = neededBy,
        CreatedAt = now,
    };
}

internal sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> need)
    {
        need.ToTable("needs", table =>
        {
            table.HasCheckConstraint("ck_needs_kind", "kind IN ('equipment', 'volunteers', 'venue', 'sponsorship')");
            table.HasCheckConstraint("ck_needs_quantity", "quantity BETWEEN 1 AND 10000 AND received >= 0");
        });
        need.HasKey(n => n.Id);
        need.Property(n => n.Id).ValueGeneratedNever();
        need.Property(n => n.Kind).HasMaxLength(20);
        need.Property(n => n.ItemKind).HasMaxLength(40);
        need.Property(n => n.Title).HasMaxLength(200);
        need.Ignore(n => n.Open);
        // One need per thing that raised it: a shift reported short twice, or a redelivered event, is the same need.
        need.HasIndex(n => new { n.Kind, n.SourceId }).IsUnique().HasFilter("source_id IS NOT NULL");
        need.HasIndex(n => n.CreatedAt).HasFilter("closed_at IS NULL").HasDatabaseName("ix_needs_open");
    }
}
