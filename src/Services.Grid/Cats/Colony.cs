using Community.Services.Grid.Places;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Cats;

/// <summary>
/// A cat colony (喵档案's unit): the cats that live at one place — by a building, somewhere in a compound, or at a
/// described spot (the riverbank path). A colony by a building is its grid's work; the others are station staff's.
/// </summary>
public sealed class Colony
{
    private Colony()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The name people know it by, shown on the public cat street, e.g. "12号楼花坛".</summary>
    public string Name { get; private set; } = "";

    /// <summary>One of <see cref="ColonyPlaces"/>.</summary>
    public string Place { get; private set; } = "";

    /// <summary>The compound it is in: always for a building or compound colony, when known for a spot.</summary>
    public Guid? CompoundId { get; private set; }

    public Guid? BuildingId { get; private set; }

    /// <summary>Where exactly, for a colony at a described spot.</summary>
    public string? Spot { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public static Colony AtBuilding(string name, Building building, string by, DateTimeOffset now) =>
        New(name, ColonyPlaces.Building, building.CompoundId, building.Id, null, by, now);

    public static Colony InCompound(string name, Guid compoundId, string by, DateTimeOffset now) =>
        New(name, ColonyPlaces.Compound, compoundId, null, null, by, now);

    public static Colony AtSpot(string name, string spot, Guid? compoundId, string by, DateTimeOffset now) =>
        New(name, ColonyPlaces.Spot, compoundId, null, spot.Trim(), by, now);

    private static Colony New(string name, string place, Guid? compoundId, Guid? buildingId, string? spot, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name.Trim(),
        Place = place,
        CompoundId = compoundId,
        BuildingId = buildingId,
        Spot = spot,
        CreatedAt = now,
        RecordedBy = by,
    };
}

public static class ColonyPlaces
{
    public const string Building = "building";
    public const string Compound = "compound";
    public const string Spot = "spot";

    public static readonly IReadOnlyList<string> All = [Building, Compound, Spot];
}

internal sealed class ColonyConfiguration : IEntityTypeConfiguration<Colony>
{
    public void Configure(EntityTypeBuilder<Colony> colony)
    {
        // The place decides which of compound, building and spot are set, so a colony is always somewhere definite.
        colony.ToTable("cat_colonies", t => t.HasCheckConstraint("ck_cat_colonies_place",
            "(place = 'building' AND building_id IS NOT NULL AND compound_id IS NOT NULL AND spot IS NULL) OR " +
            "(place = 'compound' AND building_id IS NULL AND compound_id IS NOT NULL AND spot IS NULL) OR " +
            "(place = 'spot' AND building_id IS NULL AND spot IS NOT NULL)"));
        colony.HasKey(c => c.Id);
        colony.Property(c => c.Name).HasMaxLength(CatRules.MaxNameLength);
        colony.Property(c => c.Place).HasMaxLength(20);
        colony.Property(c => c.Spot).HasMaxLength(CatRules.MaxSpotLength);
        colony.Property(c => c.RecordedBy).HasMaxLength(200);
        colony.HasOne<Compound>().WithMany().HasForeignKey(c => c.CompoundId).OnDelete(DeleteBehavior.Restrict);
        colony.HasOne<Building>().WithMany().HasForeignKey(c => c.BuildingId).OnDelete(DeleteBehavior.Restrict);
        // The cat street lists colonies by name: two with one name would be one to a reader.
        colony.HasIndex(c => c.Name).IsUnique().HasDatabaseName(CatRules.ColonyNameIndex);
    }
}
