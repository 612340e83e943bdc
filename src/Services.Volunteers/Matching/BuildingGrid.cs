using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.Matching;

/// <summary>Which grid a building is in, as the Grid service announces it; matching uses it for "same grid".</summary>
public sealed class BuildingGrid
{
    public Guid BuildingId { get; set; }

    /// <summary>
    /// Null once the building was taken out of its grid: the row stays, with the time of that change, so an older
    /// announcement that still had it in the grid (arriving late) is seen as older and does not put it back.
    /// </summary>
    public Guid? GridId { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class BuildingGridConfiguration : IEntityTypeConfiguration<BuildingGrid>
{
    public void Configure(EntityTypeBuilder<BuildingGrid> building)
    {
        building.ToTable("building_grids");
        building.HasKey(b => b.BuildingId);
        building.HasIndex(b => b.GridId);
    }
}
