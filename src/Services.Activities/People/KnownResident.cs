using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Activities.People;

/// <summary>
/// Activities' copy of Grid's resident records (<c>ResidentRecorded</c>): a registration for a resident takes the
/// name, birth year and household from here, not from the request, and finds the resident's own account and
/// guardian. No phone, no tags.
/// </summary>
public sealed class KnownResident
{
    public Guid ResidentId { get; set; }

    public Guid HouseholdId { get; set; }

    public string Name { get; set; } = "";

    public int BirthYear { get; set; }

    public Guid? GuardianId { get; set; }

    public Guid? AccountId { get; set; }

    /// <summary>
    /// The account last linked to the record, while none is (Grid unlinked it, or announced her erasure): an erasure of
    /// that account still finds her. Grid's own erasure announces the record with no account, and that announcement can
    /// arrive before this service's erasure request; before, the request then found nobody and her places, words and
    /// notices stayed.
    /// </summary>
    public Guid? UnlinkedAccountId { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>When the resident moved out (Grid says so): nobody registers them on their behalf any more.</summary>
    public DateTimeOffset? MovedOutAt { get; set; }
}

internal sealed class KnownResidentConfiguration : IEntityTypeConfiguration<KnownResident>
{
    public void Configure(EntityTypeBuilder<KnownResident> resident)
    {
        resident.ToTable("known_residents");
        resident.HasKey(r => r.ResidentId);
        resident.Property(r => r.ResidentId).ValueGeneratedNever();
        resident.Property(r => r.Name).HasMaxLength(50);
        resident.HasIndex(r => r.AccountId);
        resident.HasIndex(r => r.UnlinkedAccountId).HasFilter("unlinked_account_id IS NOT NULL");
        resident.HasIndex(r => r.GuardianId);
    }
}
