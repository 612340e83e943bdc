using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Places;

/// <summary>A household (户): a unit of a building. Residents belong to it; visits are to it.</summary>
public sealed class Household
{
    public Guid Id { get; set; }

    public Guid BuildingId { get; set; }

    /// <summary>The unit number on the door, e.g. "1203".</summary>
    public string Unit { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The latest visit's time, kept with each visit logged so coverage reads one row per household.</summary>
    public DateTimeOffset? LastVisitedAt { get; set; }

    /// <summary>When the household moved out: kept for the record (requests, loans), out of the visit lists and coverage.</summary>
    public DateTimeOffset? MovedOutAt { get; set; }

    public string? MovedOutReason { get; set; }

    /// <summary>Records the move (once), for the household and each of its residents.</summary>
    public void MoveOut(IEnumerable<Resident> residents, string reason, DateTimeOffset now)
    {
        MovedOutAt ??= now;
        MovedOutReason ??= reason;
        foreach (var resident in residents)
        {
            resident.MoveOut(reason, now);
        }
    }
}

/// <summary>
/// A resident (居民), with the minimum the grid needs: a name, a birth year, a phone. A child under 14 is linked
/// to a guardian (an adult resident).
/// </summary>
public sealed class Resident
{
    public Guid Id { get; set; }

    public Guid HouseholdId { get; set; }

    public string Name { get; set; } = "";

    public int BirthYear { get; set; }

    public string? Phone { get; set; }

    public Guid? GuardianId { get; set; }

    /// <summary>The resident's own account at the identity provider, linked by staff: how "me" is found from a token.</summary>
    public Guid? AccountId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the resident moved out (alone, or with their household).</summary>
    public DateTimeOffset? MovedOutAt { get; set; }

    public string? MovedOutReason { get; set; }

    /// <summary>Records the move (once); the record stays for what refers to it (requests, loans, registrations).</summary>
    public void MoveOut(string reason, DateTimeOffset now)
    {
        MovedOutAt ??= now;
        MovedOutReason ??= reason;
    }
}

/// <summary>
/// Someone was shown a resident's sensitive tags: who, when and why. The resident (and staff) can see the list —
/// knowing who looked is part of the consent under which the tags are kept.
/// </summary>
public sealed class SensitiveTagRead
{
    public Guid Id { get; set; }

    public Guid ResidentId { get; set; }

    public string ReadBy { get; set; } = "";

    /// <summary>What for: the reader's stated purpose, or the view that showed the tags.</summary>
    public string Purpose { get; set; } = "";

    public DateTimeOffset ReadAt { get; set; }
}

internal sealed class SensitiveTagReadConfiguration : IEntityTypeConfiguration<SensitiveTagRead>
{
    public void Configure(EntityTypeBuilder<SensitiveTagRead> read)
    {
        read.ToTable("sensitive_tag_reads");
        read.HasKey(r => r.Id);
        read.Property(r => r.ReadBy).HasMaxLength(200);
        read.Property(r => r.Purpose).HasMaxLength(200);
        read.HasOne<Resident>().WithMany().HasForeignKey(r => r.ResidentId).OnDelete(DeleteBehavior.Cascade);
        read.HasIndex(r => new { r.ResidentId, r.ReadAt });
    }
}

/// <summary>
/// A sensitive tag (living alone, disability, ...) kept only with the resident's recorded consent; withdrawing
/// consent deletes the row. Shown only to staff and the resident's own grid team.
/// </summary>
public sealed class ResidentTag
{
    public Guid ResidentId { get; set; }

    public string Tag { get; set; } = "";

    /// <summary>How the consent was given, e.g. "signed form, 2026-11-20" or "verbally during a visit".</summary>
    public string Consent { get; set; } = "";

    public string RecordedBy { get; set; } = "";

    public DateTimeOffset ConsentedAt { get; set; }
}

public static class SensitiveTags
{
    public static readonly IReadOnlyList<string> All = ["living-alone", "disability", "veteran", "low-income", "needs-regular-care"];
}

public static class ResidentRules
{
    public const int ChildUnderAge = 14;
    public const int AdultFromAge = 18;
    public const int MaxNameLength = 50;
    public const string OneRecordPerAccountIndex = "ix_residents_account_id";

    /// <summary>Ages go by birth year against the neighbourhood's current year: born in 2012, a child all through 2025.</summary>
    public static bool IsChild(int birthYear, int thisYear) => thisYear - birthYear < ChildUnderAge;

    public static bool IsAdult(int birthYear, int thisYear) => thisYear - birthYear >= AdultFromAge;
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> household)
    {
        household.ToTable("households");
        household.HasKey(h => h.Id);
        household.Property(h => h.Unit).HasMaxLength(20);
        household.Property(h => h.MovedOutReason).HasMaxLength(200);
        household.HasOne<Building>().WithMany().HasForeignKey(h => h.BuildingId).OnDelete(DeleteBehavior.Restrict);
        // One household living in a unit at a time; those who moved out stay on record beside the new one.
        household.HasIndex(h => new { h.BuildingId, h.Unit }).IsUnique().HasFilter("moved_out_at IS NULL");
    }
}

internal sealed class ResidentConfiguration : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> resident)
    {
        resident.ToTable("residents", t => t.HasCheckConstraint("ck_residents_birth_year", "birth_year BETWEEN 1900 AND 2200"));
        resident.HasKey(r => r.Id);
        resident.Property(r => r.Name).HasMaxLength(ResidentRules.MaxNameLength);
        resident.Property(r => r.Phone).HasMaxLength(20);
        resident.Property(r => r.MovedOutReason).HasMaxLength(200);
        resident.HasOne<Household>().WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        resident.HasOne<Resident>().WithMany().HasForeignKey(r => r.GuardianId).OnDelete(DeleteBehavior.Restrict);
        resident.HasIndex(r => r.HouseholdId);
        // One resident record per account, one account per record.
        resident.HasIndex(r => r.AccountId).IsUnique().HasDatabaseName(ResidentRules.OneRecordPerAccountIndex).HasFilter("account_id IS NOT NULL");
    }
}

internal sealed class ResidentTagConfiguration : IEntityTypeConfiguration<ResidentTag>
{
    public void Configure(EntityTypeBuilder<ResidentTag> tag)
    {
        tag.ToTable("resident_tags", t => t.HasCheckConstraint("ck_resident_tags_tag",
            "tag IN ('living-alone', 'disability', 'veteran', 'low-income', 'needs-regular-care')"));
        tag.HasKey(t => new { t.ResidentId, t.Tag });
        tag.Property(t => t.Tag).HasMaxLength(30);
        tag.Property(t => t.Consent).HasMaxLength(200);
        tag.Property(t => t.RecordedBy).HasMaxLength(200);
        tag.HasOne<Resident>().WithMany().HasForeignKey(t => t.ResidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
