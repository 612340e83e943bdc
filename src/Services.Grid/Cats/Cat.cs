using Community.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Cats;

/// <summary>
/// A community cat in the archive (喵档案): who it is and its TNR (trap-neuter-return). Where it lives is kept
/// apart, as its <see cref="CatStay"/>s: a cat is in one colony at a time, and whether it is still there or was
/// adopted, moved away or died is how its latest stay ended.
/// </summary>
public sealed class Cat
{
    private Cat()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Markings and character, so neighbours can tell it from the others ("橘猫，左耳缺口，亲人").</summary>
    public string? Description { get; private set; }

    /// <summary>A reference to a photo kept elsewhere (a file id or URL), not the photo.</summary>
    public string? PhotoRef { get; private set; }

    /// <summary>One of <see cref="CatSexes"/>.</summary>
    public string Sex { get; private set; } = CatSexes.Unknown;

    /// <summary>The day it was neutered (the N of TNR); null while it is not.</summary>
    public DateOnly? NeuteredOn { get; private set; }

    /// <summary>The tipped ear that tells a neutered community cat from afar.</summary>
    public bool EarTipped { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public string RecordedBy { get; private set; } = "";

    /// <summary>A cat newly in the archive, neutered on <paramref name="neuteredOn"/> when it already was.</summary>
    public static Cat Record(CatDetails details, DateOnly? neuteredOn, bool earTipped, DateOnly today, string by, DateTimeOffset now)
    {
        var cat = new Cat { Id = Guid.CreateVersion7(), RecordedAt = now, RecordedBy = by, EarTipped = earTipped };
        cat.Describe(details);
        if (neuteredOn is { } on)
        {
            cat.Neuter(on, earTipped, today);
        }

        return cat;
    }

    /// <summary>Name, description, photo and sex, already checked by <see cref="CatRules.CheckDetails"/>.</summary>
    public void Describe(CatDetails details)
    {
        Name = details.Name.Trim();
        Description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim();
        PhotoRef = string.IsNullOrWhiteSpace(details.PhotoRef) ? null : details.PhotoRef.Trim();
        Sex = details.Sex;
    }

    /// <summary>Records (or corrects) the neutering; a date after <paramref name="today"/> cannot have happened yet.</summary>
    public void Neuter(DateOnly on, bool earTipped, DateOnly today)
    {
        if (on > today || on < CatRules.EarliestDate)
        {
            throw new ArgumentOutOfRangeException(nameof(on), on, "A neutering date is in the past, and not before 2000.");
        }

        NeuteredOn = on;
        EarTipped = earTipped;
    }
}

/// <summary>What describes a cat, as the API takes it in (already checked).</summary>
public sealed record CatDetails(string Name, string? Description, string? PhotoRef, string Sex);

/// <summary>
/// A cat's time in a colony, from when to when and how it ended. The partial unique index on cat_id (until IS
/// NULL) means a cat is in at most one colony at a time, however many requests race to place it.
/// </summary>
public sealed class CatStay
{
    private CatStay()
    {
    }

    public Guid Id { get; private set; }

    public Guid CatId { get; private set; }

    public Guid ColonyId { get; private set; }

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset? Until { get; private set; }

    /// <summary>One of <see cref="StayEnds"/> once the stay ended.</summary>
    public string? EndReason { get; private set; }

    /// <summary>The cat's status as this stay says: in the colony while it lasts, else how it ended.</summary>
    public string Status => EndReason switch
    {
        null => CatStatuses.InColony,
        StayEnds.MovedToColony => CatStatuses.InColony,
        _ => EndReason,
    };

    public static CatStay Begin(Guid catId, Guid colonyId, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), CatId = catId, ColonyId = colonyId, From = now };

    /// <summary>
    /// The cat left the colony on the local day <paramref name="on"/> (adopted, moved away, died): gone from the
    /// start of that day, or from when it was recorded here if that was later the same day.
    /// </summary>
    public void Leave(string status, DateOnly on)
    {
        if (!CatStatuses.Leaving.Contains(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A cat leaves adopted, moved away or deceased.");
        }

        var start = Neighbourhood.StartOf(on);
        End(status, start > From ? start : From);
    }

    /// <summary>The cat moves to another colony now; the new colony's stay begins at the same instant.</summary>
    public void MoveOut(DateTimeOffset now) => End(StayEnds.MovedToColony, now);

    private void End(string reason, DateTimeOffset at)
    {
        if (Until is not null)
        {
            throw new InvalidOperationException("The stay has already ended.");
        }

        Until = at;
        EndReason = reason;
    }
}

public static class CatSexes
{
    public const string Female = "female";
    public const string Male = "male";
    public const string Unknown = "unknown";

    public static readonly IReadOnlyList<string> All = [Female, Male, Unknown];
}

public static class CatStatuses
{
    public const string InColony = "in-colony";
    public const string Adopted = "adopted";

    /// <summary>Moved away, out of the neighbourhood's colonies (a move between colonies is <c>POST /cats/{id}/move</c>).</summary>
    public const string Moved = "moved";
    public const string Deceased = "deceased";

    public static readonly IReadOnlyList<string> All = [InColony, Adopted, Moved, Deceased];

    /// <summary>The statuses a cat leaves its colony with.</summary>
    public static readonly IReadOnlyList<string> Leaving = [Adopted, Moved, Deceased];
}

/// <summary>How a stay ended: the cat left with a status, or moved to another colony.</summary>
public static class StayEnds
{
    public const string MovedToColony = "moved-to-colony";
}

/// <summary>A vaccination given to a cat.</summary>
public sealed class CatVaccination
{
    private CatVaccination()
    {
    }

    public Guid Id { get; private set; }

    public Guid CatId { get; private set; }

    /// <summary>What was given, as the vet's card names it ("狂犬疫苗", "猫三联").</summary>
    public string Vaccine { get; private set; } = "";

    public DateOnly GivenOn { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public static CatVaccination Record(Guid catId, string vaccine, DateOnly givenOn, string by) =>
        new() { Id = Guid.CreateVersion7(), CatId = catId, Vaccine = vaccine.Trim(), GivenOn = givenOn, RecordedBy = by };
}

internal sealed class CatConfiguration : IEntityTypeConfiguration<Cat>
{
    public void Configure(EntityTypeBuilder<Cat> cat)
    {
        cat.ToTable("cats", t =>
        {
            t.HasCheckConstraint("ck_cats_sex", "sex IN ('female', 'male', 'unknown')");
            t.HasCheckConstraint("ck_cats_neutered_on", "neutered_on IS NULL OR neutered_on >= DATE '2000-01-01'");
        });
        cat.HasKey(c => c.Id);
        cat.Property(c => c.Name).HasMaxLength(CatRules.MaxNameLength);
        cat.Property(c => c.Description).HasMaxLength(CatRules.MaxDescriptionLength);
        cat.Property(c => c.PhotoRef).HasMaxLength(CatRules.MaxPhotoRefLength);
        cat.Property(c => c.Sex).HasMaxLength(10);
        cat.Property(c => c.RecordedBy).HasMaxLength(200);
    }
}

internal sealed class CatStayConfiguration : IEntityTypeConfiguration<CatStay>
{
    public void Configure(EntityTypeBuilder<CatStay> stay)
    {
        stay.ToTable("cat_stays", t =>
        {
            t.HasCheckConstraint("ck_cat_stays_period", "until IS NULL OR until >= \"from\"");
            t.HasCheckConstraint("ck_cat_stays_end",
                "(until IS NULL AND end_reason IS NULL) OR (until IS NOT NULL AND end_reason IN ('moved-to-colony', 'adopted', 'moved', 'deceased'))");
        });
        stay.HasKey(s => s.Id);
        stay.Ignore(s => s.Status);
        stay.Property(s => s.EndReason).HasMaxLength(20);
        stay.HasOne<Cat>().WithMany().HasForeignKey(s => s.CatId).OnDelete(DeleteBehavior.Restrict);
        stay.HasOne<Colony>().WithMany().HasForeignKey(s => s.ColonyId).OnDelete(DeleteBehavior.Restrict);
        stay.HasIndex(s => s.CatId).IsUnique().HasFilter("until IS NULL").HasDatabaseName(CatRules.OneColonyAtATimeIndex);
        // "The latest stay" is well defined: a cat cannot begin two stays at the same instant.
        stay.HasIndex(s => new { s.CatId, s.From }).IsUnique();
        stay.HasIndex(s => new { s.ColonyId, s.From });
    }
}

internal sealed class CatVaccinationConfiguration : IEntityTypeConfiguration<CatVaccination>
{
    public void Configure(EntityTypeBuilder<CatVaccination> vaccination)
    {
        vaccination.ToTable("cat_vaccinations", t => t.HasCheckConstraint("ck_cat_vaccinations_given_on", "given_on >= DATE '2000-01-01'"));
        vaccination.HasKey(v => v.Id);
        vaccination.Property(v => v.Vaccine).HasMaxLength(CatRules.MaxVaccineLength);
        vaccination.Property(v => v.RecordedBy).HasMaxLength(200);
        vaccination.HasOne<Cat>().WithMany().HasForeignKey(v => v.CatId).OnDelete(DeleteBehavior.Restrict);
        vaccination.HasIndex(v => new { v.CatId, v.Vaccine, v.GivenOn }).IsUnique().HasDatabaseName(CatRules.OneVaccinationPerDayIndex);
    }
}
