using Community.Services.Grid.Volunteers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Cats;

/// <summary>
/// A feeding station (a home-made feeder) placed for a colony, looked after by caretakers: volunteers of the cat
/// team, who log each feeding. Fixed, regular feeding is what keeps a colony in one quiet place.
/// </summary>
public sealed class FeedingStation
{
    private FeedingStation()
    {
    }

    public Guid Id { get; private set; }

    public Guid ColonyId { get; private set; }

    /// <summary>Where the feeder stands, in a few words ("花坛东侧，雨棚下").</summary>
    public string Name { get; private set; } = "";

    public DateOnly PlacedOn { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public static FeedingStation Place(Guid colonyId, string name, DateOnly placedOn, string by) =>
        new() { Id = Guid.CreateVersion7(), ColonyId = colonyId, Name = name.Trim(), PlacedOn = placedOn, RecordedBy = by };
}

/// <summary>
/// A volunteer's time as a station's caretaker. The foreign key to Grid's read model of the registry means only a
/// known volunteer can be one; ended rows are the history.
/// </summary>
public sealed class StationCaretaker
{
    private StationCaretaker()
    {
    }

    public Guid Id { get; private set; }

    public Guid StationId { get; private set; }

    public Guid VolunteerId { get; private set; }

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset? Until { get; private set; }

    public static StationCaretaker Begin(Guid stationId, Guid volunteerId, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), StationId = stationId, VolunteerId = volunteerId, From = now };

    public void End(DateTimeOffset now) => Until ??= now;
}

/// <summary>One feeding at a station, by one of its caretakers (or entered from the paper log by the team).</summary>
public sealed class Feeding
{
    private Feeding()
    {
    }

    public Guid Id { get; private set; }

    public Guid StationId { get; private set; }

    public DateTimeOffset FedAt { get; private set; }

    /// <summary>The caretaker who fed, when known.</summary>
    public Guid? VolunteerId { get; private set; }

    /// <summary>What was seen ("来了5只，橘子没来").</summary>
    public string? Note { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public static Feeding Log(Guid stationId, DateTimeOffset fedAt, Guid? volunteerId, string? note, string by) => new()
    {
        Id = Guid.CreateVersion7(),
        StationId = stationId,
        FedAt = fedAt,
        VolunteerId = volunteerId,
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        RecordedBy = by,
    };
}

internal sealed class FeedingStationConfiguration : IEntityTypeConfiguration<FeedingStation>
{
    public void Configure(EntityTypeBuilder<FeedingStation> station)
    {
        station.ToTable("feeding_stations", t => t.HasCheckConstraint("ck_feeding_stations_placed_on", "placed_on >= DATE '2000-01-01'"));
        station.HasKey(s => s.Id);
        station.Property(s => s.Name).HasMaxLength(CatRules.MaxStationNameLength);
        station.Property(s => s.RecordedBy).HasMaxLength(200);
        station.HasOne<Colony>().WithMany().HasForeignKey(s => s.ColonyId).OnDelete(DeleteBehavior.Restrict);
        station.HasIndex(s => s.ColonyId);
    }
}

internal sealed class StationCaretakerConfiguration : IEntityTypeConfiguration<StationCaretaker>
{
    public void Configure(EntityTypeBuilder<StationCaretaker> caretaker)
    {
        caretaker.ToTable("station_caretakers", t => t.HasCheckConstraint("ck_station_caretakers_period", "until IS NULL OR until >= \"from\""));
        caretaker.HasKey(c => c.Id);
        caretaker.HasOne<FeedingStation>().WithMany().HasForeignKey(c => c.StationId).OnDelete(DeleteBehavior.Restrict);
        caretaker.HasOne<KnownVolunteer>().WithMany().HasForeignKey(c => c.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        caretaker.HasIndex(c => new { c.StationId, c.VolunteerId }).IsUnique().HasFilter("until IS NULL").HasDatabaseName(CatRules.OneCurrentCaretakerIndex);
        caretaker.HasIndex(c => new { c.VolunteerId, c.Until });
    }
}

internal sealed class FeedingConfiguration : IEntityTypeConfiguration<Feeding>
{
    public void Configure(EntityTypeBuilder<Feeding> feeding)
    {
        feeding.ToTable("feedings");
        feeding.HasKey(f => f.Id);
        feeding.Property(f => f.Note).HasMaxLength(CatRules.MaxNoteLength);
        feeding.Property(f => f.RecordedBy).HasMaxLength(200);
        feeding.HasOne<FeedingStation>().WithMany().HasForeignKey(f => f.StationId).OnDelete(DeleteBehavior.Restrict);
        feeding.HasOne<KnownVolunteer>().WithMany().HasForeignKey(f => f.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        feeding.HasIndex(f => new { f.StationId, f.FedAt }).IsDescending(false, true);
    }
}
