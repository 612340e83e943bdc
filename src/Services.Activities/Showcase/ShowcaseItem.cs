using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Activities.Showcase;

/// <summary>A work exhibited at a session, e.g. a handwritten copy of the Party Constitution at the convenience market.</summary>
public sealed class ShowcaseItem
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Shown with the work: a resident's name as they wish it shown, or a group's name.</summary>
    public string Maker { get; set; } = "";

    public string MakerKind { get; set; } = "";

    /// <summary>Where the picture is kept (a storage key or URL); the service does not hold images.</summary>
    public string? PictureRef { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ShowcaseItemConfiguration : IEntityTypeConfiguration<ShowcaseItem>
{
    public void Configure(EntityTypeBuilder<ShowcaseItem> item)
    {
        item.ToTable("showcase_items", t => t.HasCheckConstraint("ck_showcase_items_maker_kind", "maker_kind IN ('resident', 'group')"));
        item.HasKey(i => i.Id);
        item.Property(i => i.Title).HasMaxLength(100);
        item.Property(i => i.Maker).HasMaxLength(100);
        item.Property(i => i.MakerKind).HasMaxLength(20);
        item.Property(i => i.PictureRef).HasMaxLength(500);
        item.HasOne<Sessions.Session>().WithMany().HasForeignKey(i => i.SessionId).OnDelete(DeleteBehavior.Cascade);
        item.HasIndex(i => i.SessionId);
    }
}
