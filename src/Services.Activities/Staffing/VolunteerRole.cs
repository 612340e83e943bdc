using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Activities.Staffing;

/// <summary>Volunteers a session needs, e.g. two smartphone tutors. Its id is the RequestId of VolunteersRequested.</summary>
public sealed class VolunteerRole
{
    private VolunteerRole()
    {
    }

    public Guid Id { get; private set; }

    public Guid SessionId { get; private set; }

    public string Role { get; private set; } = "";

    public string? Skill { get; private set; }

    public int Needed { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static VolunteerRole Create(Guid sessionId, string role, string? skill, int needed, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        SessionId = sessionId,
        Role = role.Trim(),
        Skill = string.IsNullOrWhiteSpace(skill) ? null : skill.Trim(),
        Needed = needed,
        CreatedAt = now,
    };
}

internal sealed class VolunteerRoleConfiguration : IEntityTypeConfiguration<VolunteerRole>
{
    public void Configure(EntityTypeBuilder<VolunteerRole> role)
    {
        role.ToTable("volunteer_roles", t => t.HasCheckConstraint("ck_volunteer_roles_needed", "needed BETWEEN 1 AND 100"));
        role.HasKey(r => r.Id);
        role.Property(r => r.Role).HasMaxLength(100);
        role.Property(r => r.Skill).HasMaxLength(50);
        role.HasOne<Sessions.Session>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        role.HasIndex(r => r.SessionId);
    }
}
