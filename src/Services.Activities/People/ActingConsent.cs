using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Activities.People;

/// <summary>
/// Activities' copy of the consents Grid records (<c>ActingConsentChanged</c>): someone other than the resident
/// (or their guardian) registers, accepts or cancels for them only while one holds for <c>activities</c>.
/// </summary>
public sealed class ActingConsent
{
    public const string ActivitiesPurpose = "activities";

    public Guid ConsentId { get; set; }

    public Guid ResidentId { get; set; }

    public Guid ActorAccountId { get; set; }

    public string Purpose { get; set; } = "";

    public DateTimeOffset ValidUntil { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>The consents that let <paramref name="actor"/> act for someone in activities at <paramref name="now"/>: the one rule, in SQL.</summary>
    public static Expression<Func<ActingConsent, bool>> HoldingFor(Guid actor, DateTimeOffset now) =>
        c => c.ActorAccountId == actor && c.Purpose == ActivitiesPurpose && c.WithdrawnAt == null && c.ValidUntil > now;
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
