using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Places;

/// <summary>A building (楼栋) of a compound; households live in it and one grid covers it.</summary>
public sealed class Building
{
    private Building()
    {
    }

    public Guid Id { get; private set; }

    public Guid CompoundId { get; private set; }

    /// <summary>The number residents use, e.g. "12" or "12A".</summary>
    public string Number { get; private set; } = "";

    public int Floors { get; private set; }

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public static Building Register(Guid compoundId, string number, int floors, double? latitude, double? longitude, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        CompoundId = compoundId,
        Number = number.Trim(),
        Floors = floors,
        Latitude = latitude,
        Longitude = longitude,
        RegisteredAt = now,
    };
}

internal sealed class BuildingConfiguration : IEntityTypeConfiguration<Building>
{
    public void Configure(EntityTypeBuilder<Building> building)
    {
        building.HasKey(b => b.Id);
        building.Property(b => b.Number).HasMaxLength(PlaceRules.MaxBuildingNumberLength);
        building.HasOne<Compound>().WithMany().HasForeignKey(b => b.CompoundId).OnDelete(DeleteBehavior.Restrict);
        // A building number is unique within its compound, whoever registers it and however many at once.
        building.HasIndex(b => new { b.CompoundId, b.Number }).IsUnique();
        building.ToTable(t =>
        {
            t.HasCheckConstraint("ck_buildings_floors", $"floors BETWEEN 1 AND {PlaceRules.MaxFloors}");
            t.HasCheckConstraint("ck_buildings_coordinates", "(latitude IS NULL) = (longitude IS NULL)");
        });
    }
}
