using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Volunteers;

/// <summary>
/// Grid's read model of the volunteer registry, fed by <c>VolunteerRegistered</c>: who can join a 1+2+X
/// team as a building volunteer. No contact details; the registry keeps those.
/// </summary>
public sealed class KnownVolunteer
{
    public Guid VolunteerId { get; set; }

    public string DisplayName { get; set; } = "";

    public string Kind { get; set; } = "";

    public List<string> Skills { get; set; } = [];

    public Guid? HomeBuildingId { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>When Grid learned of the volunteer (for measuring event latency).</summary>
    public DateTimeOffset ReceivedAt { get; set; }
}

internal sealed class KnownVolunteerConfiguration : IEntityTypeConfiguration<KnownVolunteer>
{
    public void Configure(EntityTypeBuilder<KnownVolunteer> volunteer)
    {
        volunteer.ToTable("known_volunteers");
        volunteer.HasKey(v => v.VolunteerId);
        volunteer.Property(v => v.VolunteerId).ValueGeneratedNever();
        volunteer.Property(v => v.DisplayName).HasMaxLength(100);
        volunteer.Property(v => v.Kind).HasMaxLength(40);
        volunteer.HasIndex(v => v.HomeBuildingId);
    }
}
