using Community.Contracts;
using Community.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Consents;

/// <summary>
/// A resident's consent that one named person (their grid worker, a staff member, a relative) may act for them,
/// for one purpose, until a date: who consented and how, who recorded it, and — once withdrawn — who withdrew it
/// and when. Rows are never deleted: the person and staff can always see who was allowed to act for them.
/// </summary>
public sealed class ActingConsent
{
    public Guid Id { get; set; }

    public Guid ResidentId { get; set; }

    /// <summary>The account allowed to act for the resident.</summary>
    public Guid ActorAccountId { get; set; }

    public string Purpose { get; set; } = ActingPurposes.Activities;

    /// <summary>How the resident (or their guardian) gave it, e.g. "signed the form at the station" or "said so at the door, daughter present".</summary>
    public string GivenHow { get; set; } = "";

    public DateTimeOffset ValidUntil { get; set; }

    public string RecordedBy { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }

    public string? WithdrawnBy { get; set; }

    public bool HoldsAt(DateTimeOffset now) => WithdrawnAt is null && ValidUntil > now;

    /// <summary>Tells Activities (which checks consents before an on-behalf registration) what holds now.</summary>
    public void Announce(IMessagingDbContext db, DateTimeOffset now) =>
        db.AddEvent(new ActingConsentChanged(Id, ResidentId, ActorAccountId, Purpose, ValidUntil, WithdrawnAt, now), now);
}

/// <summary>What someone may be allowed to do for a resident.</summary>
public static class ActingPurposes
{
    /// <summary>Register for activities, accept an offered place, cancel.</summary>
    public const string Activities = "activities";

    public static readonly IReadOnlyList<string> All = [Activities];
}

public static class ActingConsentRules
{
    public const int MaxHowLength = 200;

    /// <summary>A consent is renewed at least yearly: the person is asked again.</summary>
    public static readonly TimeSpan LongestValidity = TimeSpan.FromDays(366);

    public const string OneLiveConsentIndex = "ix_acting_consents_live";
}

internal sealed class ActingConsentConfiguration : IEntityTypeConfiguration<ActingConsent>
{
    public void Configure(EntityTypeBuilder<ActingConsent> consent)
    {
        consent.ToTable("acting_consents", t => t.HasCheckConstraint("ck_acting_consents_purpose", "purpose IN ('activities')"));
        consent.HasKey(c => c.Id);
        consent.Property(c => c.Purpose).HasMaxLength(30);
        consent.Property(c => c.GivenHow).HasMaxLength(ActingConsentRules.MaxHowLength);
        consent.Property(c => c.RecordedBy).HasMaxLength(200);
        consent.Property(c => c.WithdrawnBy).HasMaxLength(200);
        consent.HasOne<Places.Resident>().WithMany().HasForeignKey(c => c.ResidentId).OnDelete(DeleteBehavior.Restrict);
        // One standing consent per resident, person and purpose: recording it again while it stands is a conflict.
        consent.HasIndex(c => new { c.ResidentId, c.ActorAccountId, c.Purpose }).IsUnique()
            .HasDatabaseName(ActingConsentRules.OneLiveConsentIndex).HasFilter("withdrawn_at IS NULL");
        consent.HasIndex(c => c.ActorAccountId);
    }
}
