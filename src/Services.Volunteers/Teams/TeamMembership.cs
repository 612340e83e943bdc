using Community.Services.Volunteers.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.Teams;

/// <summary>A volunteer's time in a team. Leaving keeps the row (with <see cref="LeftAt"/>) so hours can be counted per team over time.</summary>
public sealed class TeamMembership
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid VolunteerId { get; set; }

    public string Role { get; set; } = TeamRoles.Member;

    public DateTimeOffset JoinedAt { get; set; }

    public DateTimeOffset? LeftAt { get; set; }
}

public static class TeamRoles
{
    public const string Leader = "leader";
    public const string Member = "member";

    public static bool IsKnown(string? role) => role is Leader or Member;
}

internal sealed class TeamMembershipConfiguration : IEntityTypeConfiguration<TeamMembership>
{
    public void Configure(EntityTypeBuilder<TeamMembership> membership)
    {
        membership.ToTable("team_memberships", t => t.HasCheckConstraint("ck_team_memberships_role", "role IN ('leader', 'member')"));
        membership.HasKey(m => m.Id);
        membership.Property(m => m.Role).HasMaxLength(20);
        membership.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        membership.HasOne<Volunteer>().WithMany().HasForeignKey(m => m.VolunteerId).OnDelete(DeleteBehavior.Cascade);
        // A volunteer is in a team once at a time, even when two leaders add them at the same moment.
        membership.HasIndex(m => new { m.TeamId, m.VolunteerId }).IsUnique().HasFilter("left_at IS NULL");
        membership.HasIndex(m => m.VolunteerId);
    }
}
