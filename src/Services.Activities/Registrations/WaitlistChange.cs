using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Activities.Registrations;

/// <summary>A staff member moved someone on the waitlist: kept with who, when and why, so fairness can be checked.</summary>
public sealed class WaitlistChange
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid RegistrationId { get; set; }

    public int FromPosition { get; set; }

    public int ToPosition { get; set; }

    public string Reason { get; set; } = "";

    public string ChangedBy { get; set; } = "";

    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class WaitlistChangeConfiguration : IEntityTypeConfiguration<WaitlistChange>
{
    public void Configure(EntityTypeBuilder<WaitlistChange> change)
    {
        change.ToTable("waitlist_changes");
        change.HasKey(c => c.Id);
        change.Property(c => c.Reason).HasMaxLength(500);
        change.Property(c => c.ChangedBy).HasMaxLength(200);
        change.HasIndex(c => c.SessionId);
        change.HasOne<Registration>().WithMany().HasForeignKey(c => c.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}
