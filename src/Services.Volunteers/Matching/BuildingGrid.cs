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

/// <summary>
/// The time of the latest map of a grid applied. Each <c>GridBuildingsChanged</c> is the whole grid as of its time, so
/// one older than this (arriving late) is a stale picture and is dropped whole, whatever rows it would have touched.
/// </summary>
public sealed class GridMap
{
    /// <summary>The key lock (<c>KeyLocks</c>) a grid's maps take, so they are applied one at a time.</summary>
    public const string Lock = "grid-map";

    public Guid GridId { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class BuildingGridConfiguration : IEntityTypeConfiguration<BuildingGrid>, IEntityTypeConfiguration<GridMap>
{
    public void Configure(EntityTypeBuilder<BuildingGrid> building)
    {
        building.ToTable("building_grids");
        building.HasKey(b => b.BuildingId);
        building.HasIndex(b => b.GridId);
    }

    public void Configure(EntityTypeBuilder<GridMap> map)
    {
        map.ToTable("grid_maps");
        map.HasKey(m => m.GridId);
    }
}
