using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Notices.People;

/// <summary>
/// A resident as Grid records them (<c>ResidentRecorded</c>): enough to tell them — their account if they have one,
/// and their building, whose grid team calls on them if they have none. No phone number: the grid worker's
/// screen reads it from Grid, which shows it only to the resident's own grid.
/// </summary>
public sealed class KnownResident
{
    public Guid ResidentId { get; set; }

    public string Name { get; set; } = "";

    public Guid? AccountId { get; set; }

    /// <summary>
    /// The account last linked to the record, while none is (Grid unlinked it, or announced her erasure): an erasure of
    /// that account still finds her. Grid's own erasure announces the record with no account, and that announcement can
    /// arrive before this service's erasure request; before, the request then found nobody and her places, words and
    /// notices stayed.
    /// </summary>
    public Guid? UnlinkedAccountId { get; set; }

    public Guid? BuildingId { get; set; }

    /// <summary>A child's guardian (their resident record): told in the child's stead.</summary>
    public Guid? GuardianId { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>Which grid a building is in, as Grid announces it (<c>GridBuildingsChanged</c>).</summary>
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

/// <summary>Who holds a role in a grid's team (<c>GridTeamChanged</c>): they work that grid's call list.</summary>
public sealed class GridTeamMember
{
    public Guid GridId { get; set; }

    public Guid VolunteerId { get; set; }

    public string Role { get; set; } = "";

    public bool Active { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>Whose account a volunteer record is (<c>VolunteerAccountLinked</c>): a volunteer is told by their account.</summary>
public sealed class VolunteerAccount
{
    public Guid VolunteerId { get; set; }

    /// <summary>
    /// Null once the account's holder had their data erased: the row stays, with the time they asked, so a link
    /// announced before that and arriving late is seen as older and does not lead to the account again.
    /// </summary>
    public Guid? AccountId { get; set; }

    public DateTimeOffset LinkedAt { get; set; }
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

internal sealed class PeopleConfiguration :
    IEntityTypeConfiguration<KnownResident>, IEntityTypeConfiguration<BuildingGrid>, IEntityTypeConfiguration<GridMap>,
    IEntityTypeConfiguration<GridTeamMember>, IEntityTypeConfiguration<VolunteerAccount>
{
    public void Configure(EntityTypeBuilder<GridMap> map)
    {
        map.ToTable("grid_maps");
        map.HasKey(m => m.GridId);
    }

    public void Configure(EntityTypeBuilder<KnownResident> resident)
    {
        resident.ToTable("known_residents");
        resident.HasKey(r => r.ResidentId);
        resident.Property(r => r.Name).HasMaxLength(50);
        resident.HasIndex(r => r.AccountId).HasFilter("account_id IS NOT NULL");
        resident.HasIndex(r => r.UnlinkedAccountId).HasFilter("unlinked_account_id IS NOT NULL");
    }

    public void Configure(EntityTypeBuilder<BuildingGrid> building)
    {
        building.ToTable("building_grids");
        building.HasKey(b => b.BuildingId);
        building.HasIndex(b => b.GridId);
    }

    public void Configure(EntityTypeBuilder<GridTeamMember> member)
    {
        member.ToTable("grid_team_members");
        member.HasKey(m => new { m.GridId, m.VolunteerId, m.Role });
        member.Property(m => m.Role).HasMaxLength(40);
        member.HasIndex(m => m.VolunteerId).HasFilter("active");
    }

    public void Configure(EntityTypeBuilder<VolunteerAccount> link)
    {
        link.ToTable("volunteer_accounts");
        link.HasKey(l => l.VolunteerId);
        link.HasIndex(l => l.AccountId);
    }
}
