using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.Registry;

/// <summary>A guardian's consent for a child to volunteer: who consented, when, for what; until withdrawn.</summary>
public sealed class GuardianConsent
{
    public Guid Id { get; set; }

    public Guid ChildId { get; set; }

    public Guid GuardianId { get; set; }

    /// <summary>What the consent covers, in the guardian's words (e.g. "riverbank clean-ups with the squad").</summary>
    public string Scope { get; set; } = "";

    /// <summary>The token subject that recorded the consent (the guardian, or staff who took it on paper).</summary>
    public string RecordedBy { get; set; } = "";

    public DateTimeOffset ConsentedAt { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }
}

internal sealed class GuardianConsentConfiguration : IEntityTypeConfiguration<GuardianConsent>
{
    public void Configure(EntityTypeBuilder<GuardianConsent> consent)
    {
        consent.ToTable("guardian_consents");
        consent.HasKey(c => c.Id);
        consent.Property(c => c.Scope).HasMaxLength(500);
        consent.Property(c => c.RecordedBy).HasMaxLength(200);
        consent.HasOne<Volunteer>().WithMany().HasForeignKey(c => c.ChildId).OnDelete(DeleteBehavior.Cascade);
        consent.HasOne<Volunteer>().WithMany().HasForeignKey(c => c.GuardianId).OnDelete(DeleteBehavior.Restrict);
        consent.HasIndex(c => c.ChildId);
    }
}
