using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.Teams;

/// <summary>A named group of volunteers (the youth council, the riverbank squad, the cat team, a grid's building volunteers).</summary>
public sealed class Team
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> team)
    {
        team.ToTable("teams");
        team.HasKey(t => t.Id);
        team.Property(t => t.Name).HasMaxLength(100);
        team.Property(t => t.Description).HasMaxLength(500);
        team.HasIndex(t => t.Name).IsUnique();
    }
}
