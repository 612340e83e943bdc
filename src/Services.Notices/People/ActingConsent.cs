using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Notices.People;

/// <summary>
/// Notices' copy of the consents Grid records (<c>ActingConsentChanged</c>): someone who registered a resident under
/// her consent (a grid worker, a neighbour) is told about that registration only while the consent holds. Once she
/// withdraws it, or it runs out, what happens to her places is hers and her family's to hear, not theirs.
/// </summary>
public sealed class ActingConsent
{
    /// <summary>The purpose the notices about registrations are told under.</summary>
    public const string ActivitiesPurpose = "activities";

    public Guid ConsentId { get; set; }

    public Guid ResidentId { get; set; }

    public Guid ActorAccountId { get; set; }

    public string Purpose { get; set; } = "";

    public DateTimeOffset ValidUntil { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public bool HoldsAt(DateTimeOffset now) => WithdrawnAt is null && ValidUntil > now;
}

internal sealed class ActingConsentConfiguration : IEntityTypeConfiguration<ActingConsent>
{
    public void Configure(EntityTypeBuilder<ActingConsent> consent)
    {
        consent.ToTable("acting_consents");
        consent.HasKey(c => c.ConsentId);
        consent.Property(c => c.ConsentId).ValueGeneratedNever();
        consent.Property(c => c.Purpose).HasMaxLength(30);
        consent.HasIndex(c => new { c.ResidentId, c.ActorAccountId });
    }
}
