using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.GridTeams;

/// <summary>
/// Who holds a role in a grid's 1+2+X team, as Grid announces it (<c>GridTeamChanged</c>): a grid worker acts
/// for the volunteers living in their grid's buildings, and for no one else. One row per grid, volunteer and role;
/// an older announcement never overwrites a newer one.
/// </summary>
public sealed class GridTeamMember
{
    public Guid GridId { get; set; }

    public Guid VolunteerId { get; set; }

    public string Role { get; set; } = "";

    public bool Active { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class GridTeamMemberConfiguration : IEntityTypeConfiguration<GridTeamMember>
{
    public void Configure(EntityTypeBuilder<GridTeamMember> member)
    {
        member.ToTable("grid_team_members");
        member.HasKey(m => new { m.GridId, m.VolunteerId, m.Role });
        member.Property(m => m.Role).HasMaxLength(40);
        member.HasIndex(m => m.VolunteerId).HasFilter("active");
    }
}
