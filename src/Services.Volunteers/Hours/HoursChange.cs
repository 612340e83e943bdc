using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.Hours;

/// <summary>One change to an hours entry: who, when, from what to what, why. Never updated or deleted.</summary>
public sealed class HoursChange
{
    public long Id { get; set; }

    public Guid HoursId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The token subject (and name) of who made the change, or "system" for automatic credits.</summary>
    public string By { get; set; } = "";

    public string? FromStatus { get; set; }

    public string ToStatus { get; set; } = "";

    public int Minutes { get; set; }

    public string Reason { get; set; } = "";
}

internal sealed class HoursChangeConfiguration : IEntityTypeConfiguration<HoursChange>
{
    public void Configure(EntityTypeBuilder<HoursChange> change)
    {
        change.ToTable("hours_changes");
        change.HasKey(c => c.Id);
        change.Property(c => c.Id).UseIdentityAlwaysColumn();
        change.Property(c => c.By).HasMaxLength(200);
        change.Property(c => c.FromStatus).HasMaxLength(20);
        change.Property(c => c.ToStatus).HasMaxLength(20);
        change.Property(c => c.Reason).HasMaxLength(500);
        change.HasOne<ServiceHours>().WithMany().HasForeignKey(c => c.HoursId).OnDelete(DeleteBehavior.Restrict);
        change.HasIndex(c => c.HoursId);
    }
}
