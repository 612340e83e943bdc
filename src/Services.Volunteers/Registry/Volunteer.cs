using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.Registry;

/// <summary>A person in the volunteer registry. The phone number is stored once, here, and masked in every list.</summary>
public sealed class Volunteer
{
    private Volunteer()
    {
    }

    public Guid Id { get; private set; }

    public string DisplayName { get; private set; } = "";

    /// <summary>Null for a child, who is reached through their guardian.</summary>
    public string? Phone { get; private set; }

    public DateOnly? BirthDate { get; private set; }

    /// <summary>For a volunteer under 14: the adult volunteer who consented for them.</summary>
    public Guid? GuardianId { get; private set; }

    public VolunteerKind Kind { get; private set; }

    /// <summary>For in-service Party members, who report to the community where they live.</summary>
    public string? WorkUnit { get; private set; }

    public List<string> Skills { get; private set; } = [];

    public Guid? HomeBuildingId { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>The person's account at the identity provider (their token's subject); one volunteer record per account.</summary>
    public Guid? AccountId { get; private set; }

    /// <summary>Staff marked this adult as one who may supervise children on a shift (only they count for the ratio).</summary>
    public bool SupervisesChildren { get; private set; }

    public void LinkAccount(Guid accountId) => AccountId = accountId;

    public bool IsMinorOn(DateOnly today) => VolunteerRules.IsMinor(BirthDate, today);

    public bool IsAdultOn(DateOnly today) => VolunteerRules.IsAdult(BirthDate, today);

    /// <summary>Counts as an adult supervisor for the children-per-adult rule: marked by staff, and an adult by birth date.</summary>
    public bool MaySuperviseOn(DateOnly today) => SupervisesChildren && VolunteerRules.IsKnownAdult(BirthDate, today);

    /// <summary>
    /// Marks (or unmarks) the volunteer as a supervisor of children; a birth date not recorded before may be given
    /// with it. Returns why not when they are not an adult by birth date.
    /// </summary>
    public string? SetSupervision(bool supervises, DateOnly? birthDate, DateOnly today)
    {
        var born = BirthDate ?? birthDate;
        if (supervises && !VolunteerRules.IsKnownAdult(born, today))
        {
            return born is null
                ? "Only an adult by birth date may supervise children: give the volunteer's birth date (birthDate)."
                : $"Only an adult (from {VolunteerRules.AdultFromAge}) may supervise children.";
        }

        if (supervises)
        {
            // Recorded only with the mark, where it must show an adult: a date given to unmark changes nothing.
            BirthDate = born;
        }

        SupervisesChildren = supervises;
        return null;
    }

    /// <summary>A guardian is an adult who is not themselves registered through a guardian.</summary>
    public bool MayBeGuardianOn(DateOnly today) => IsAdultOn(today) && GuardianId is null;

    /// <summary>
    /// The person asked for their data to be erased: the record stays, unnamed and unreachable, for the hours it served
    /// (the station's totals) — no name, phone, work unit, skills, home or account; of the birth date only the year.
    /// </summary>
    public void Erase(string erasedName)
    {
        DisplayName = erasedName;
        Phone = null;
        WorkUnit = null;
        Skills = [];
        HomeBuildingId = null;
        AccountId = null;
        SupervisesChildren = false;
        BirthDate = BirthDate is { } born ? new DateOnly(born.Year, 1, 1) : null;
    }

    public void UpdateProfile(IEnumerable<string> skills, Guid? homeBuildingId, string? workUnit)
    {
        Skills = skills.Distinct().Order().ToList();
        HomeBuildingId = homeBuildingId;
        WorkUnit = string.IsNullOrWhiteSpace(workUnit) ? null : workUnit.Trim();
    }

    public static Volunteer Register(
        string displayName, string? phone, VolunteerKind kind, string? workUnit,
        IEnumerable<string> skills, Guid? homeBuildingId, DateTimeOffset now, DateOnly? birthDate = null, Guid? guardianId = null) => new()
        {
            BirthDate = birthDate,
            GuardianId = guardianId,
            Id = Guid.CreateVersion7(),
            DisplayName = displayName.Trim(),
            Phone = phone,
            Kind = kind,
            WorkUnit = string.IsNullOrWhiteSpace(workUnit) ? null : workUnit.Trim(),
            Skills = skills.Distinct().Order().ToList(),
            HomeBuildingId = homeBuildingId,
            RegisteredAt = now,
        };
}

internal sealed class VolunteerConfiguration : IEntityTypeConfiguration<Volunteer>
{
    public void Configure(EntityTypeBuilder<Volunteer> volunteer)
    {
        volunteer.HasKey(v => v.Id);
        volunteer.Property(v => v.DisplayName).HasMaxLength(VolunteerRules.MaxNameLength);
        volunteer.Property(v => v.Phone).HasMaxLength(20);
        volunteer.Property(v => v.Kind).HasConversion(k => k.ToCode(), c => VolunteerKinds.Parse(c)).HasMaxLength(40);
        volunteer.Property(v => v.WorkUnit).HasMaxLength(VolunteerRules.MaxWorkUnitLength);
        // One registration per person: the database refuses a second one even under concurrent requests.
        volunteer.HasIndex(v => v.Phone).IsUnique();
        volunteer.HasIndex(v => v.AccountId).IsUnique().HasDatabaseName(VolunteerRules.OneRecordPerAccountIndex).HasFilter("account_id IS NOT NULL");
        volunteer.HasOne<Volunteer>().WithMany().HasForeignKey(v => v.GuardianId).OnDelete(DeleteBehavior.Restrict);
        volunteer.HasIndex(v => v.Kind);
        volunteer.HasIndex(v => v.RegisteredAt);
    }
}
