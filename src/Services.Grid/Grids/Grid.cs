using Community.Services.Grid.Places;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Grids;

/// <summary>A micro-grid (微网格): a group of buildings led by a building-group Party branch, worked by a 1+2+X team.</summary>
public sealed class MicroGrid
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Every household is visited at least this often.</summary>
    public int VisitCycleDays { get; set; } = 90;

    /// <summary>Households with a sensitive tag are visited at least this often.</summary>
    public int VulnerableVisitCycleDays { get; set; } = 30;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A building's time in a grid. A partial unique index on building_id (until IS NULL) means a building is in at
/// most one grid at a time, however many requests race; ended rows are the history.
/// </summary>
public sealed class GridBuilding
{
    public Guid Id { get; set; }

    public Guid GridId { get; set; }

    public Guid BuildingId { get; set; }

    public DateTimeOffset From { get; set; }

    public DateTimeOffset? Until { get; set; }
}

/// <summary>
/// Who held which role in a grid's team, from when to when. At most one current secretary, building leader and
/// youth representative per grid (partial unique index); any number of volunteers.
/// </summary>
public sealed class TeamMember
{
    public Guid Id { get; set; }

    public Guid GridId { get; set; }

    /// <summary>The volunteer's id in the Volunteers service (known here from VolunteerRegistered); also their token subject.</summary>
    public Guid VolunteerId { get; set; }

    public string Role { get; set; } = "";

    public DateTimeOffset From { get; set; }

    public DateTimeOffset? Until { get; set; }

    public string? EndReason { get; set; }
}

public static class TeamRoles
{
    public const string Secretary = "secretary";
    public const string BuildingLeader = "building-leader";
    public const string YouthRepresentative = "youth-representative";
    public const string Volunteer = "volunteer";

    /// <summary>The "1+2": one of each per grid.</summary>
    public static readonly IReadOnlyList<string> Single = [Secretary, BuildingLeader, YouthRepresentative];

    public static readonly IReadOnlyList<string> All = [Secretary, BuildingLeader, YouthRepresentative, Volunteer];
}

internal sealed class MicroGridConfiguration : IEntityTypeConfiguration<MicroGrid>
{
    public void Configure(EntityTypeBuilder<MicroGrid> grid)
    {
        grid.ToTable("grids", t => t.HasCheckConstraint("ck_grids_cycles", "visit_cycle_days BETWEEN 1 AND 366 AND vulnerable_visit_cycle_days BETWEEN 1 AND 366"));
        grid.HasKey(g => g.Id);
        grid.Property(g => g.Name).HasMaxLength(100);
        grid.HasIndex(g => g.Name).IsUnique();
    }
}

internal sealed class GridBuildingConfiguration : IEntityTypeConfiguration<GridBuilding>
{
    public void Configure(EntityTypeBuilder<GridBuilding> gridBuilding)
    {
        gridBuilding.ToTable("grid_buildings", t => t.HasCheckConstraint("ck_grid_buildings_period", "until IS NULL OR until >= \"from\""));
        gridBuilding.HasKey(g => g.Id);
        gridBuilding.HasOne<MicroGrid>().WithMany().HasForeignKey(g => g.GridId).OnDelete(DeleteBehavior.Restrict);
        gridBuilding.HasOne<Building>().WithMany().HasForeignKey(g => g.BuildingId).OnDelete(DeleteBehavior.Restrict);
        gridBuilding.HasIndex(g => g.BuildingId).IsUnique().HasFilter("until IS NULL").HasDatabaseName("ux_grid_buildings_current");
        gridBuilding.HasIndex(g => new { g.GridId, g.Until });
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> member)
    {
        member.ToTable("team_members", t =>
        {
            t.HasCheckConstraint("ck_team_members_role", "role IN ('secretary', 'building-leader', 'youth-representative', 'volunteer')");
            t.HasCheckConstraint("ck_team_members_period", "until IS NULL OR until >= \"from\"");
        });
        member.HasKey(m => m.Id);
        member.Property(m => m.Role).HasMaxLength(30);
        member.Property(m => m.EndReason).HasMaxLength(200);
        member.HasOne<MicroGrid>().WithMany().HasForeignKey(m => m.GridId).OnDelete(DeleteBehavior.Restrict);
        member.HasIndex(m => new { m.GridId, m.Role }).IsUnique()
            .HasFilter("until IS NULL AND role <> 'volunteer'").HasDatabaseName("ux_team_members_single_roles");
        member.HasIndex(m => new { m.GridId, m.VolunteerId }).IsUnique().HasFilter("until IS NULL").HasDatabaseName("ux_team_members_current");
        member.HasIndex(m => new { m.VolunteerId, m.Until });
    }
}
