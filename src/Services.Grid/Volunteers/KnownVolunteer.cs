using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Volunteers;

/// <summary>
/// Grid's read model of the volunteer registry, fed by <c>VolunteerRegistered</c> and <c>VolunteerProfileChanged</c>:
/// who can join a 1+2+X team as a building volunteer. No contact details; the registry keeps those.
/// </summary>
public sealed class KnownVolunteer
{
    public Guid VolunteerId { get; set; }

    public string DisplayName { get; set; } = "";

    public string Kind { get; set; } = "";

    public List<string> Skills { get; set; } = [];

    public Guid? HomeBuildingId { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>When the registry made the change this row shows: an older event arriving late changes nothing.</summary>
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>When Grid learned of the volunteer (for measuring event latency).</summary>
    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>Applies the registry's events to the read model, the latest change winning whatever order they arrive in.</summary>
public static class KnownVolunteerCopies
{
    public static async Task<KnownVolunteer> ApplyAsync(Data.GridDbContext db, Guid volunteerId, string displayName, string kind, IReadOnlyList<string> skills,
        Guid? homeBuildingId, DateTimeOffset changedAt, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var volunteer = await db.KnownVolunteers.FirstOrDefaultAsync(v => v.VolunteerId == volunteerId, cancellationToken);
        if (volunteer is null)
        {
            volunteer = db.KnownVolunteers.Add(new KnownVolunteer { VolunteerId = volunteerId, RegisteredAt = changedAt }).Entity;
        }
        else if (volunteer.ChangedAt > changedAt)
        {
            return volunteer;
        }

        volunteer.DisplayName = displayName;
        volunteer.Kind = kind;
        volunteer.Skills = skills.ToList();
        volunteer.HomeBuildingId = homeBuildingId;
        volunteer.ChangedAt = changedAt;
        volunteer.ReceivedAt = receivedAt;
        return volunteer;
    }
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
