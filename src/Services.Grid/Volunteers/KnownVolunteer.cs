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

/// <summary>One change the registry made to a volunteer, as its events carry it.</summary>
public sealed record KnownVolunteerChange(
    Guid VolunteerId, string DisplayName, string Kind, IReadOnlyList<string> Skills, Guid? HomeBuildingId, DateTimeOffset ChangedAt);

/// <summary>Applies the registry's events to the read model, the latest change winning whatever order they arrive in.</summary>
public static class KnownVolunteerCopies
{
    /// <summary>Applies <paramref name="changes"/> (any number, any order) with one read; returns each volunteer's row. Call inside a transaction.</summary>
    public static async Task<IReadOnlyDictionary<Guid, KnownVolunteer>> ApplyAsync(Data.GridDbContext db, IReadOnlyList<KnownVolunteerChange> changes,
        DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        // Locked, in one order: a profile change applied at the same moment by the other consumer waits, then compares
        // with what this one wrote, instead of both reading the old row and the older change committing last.
        var ids = changes.Select(c => c.VolunteerId).Distinct().Order().ToArray();
        var volunteers = await db.KnownVolunteers
            .FromSql($"SELECT * FROM known_volunteers WHERE volunteer_id = ANY({ids}) ORDER BY volunteer_id FOR UPDATE")
            .ToDictionaryAsync(v => v.VolunteerId, cancellationToken);
        foreach (var change in changes.OrderBy(c => c.ChangedAt))
        {
            if (!volunteers.TryGetValue(change.VolunteerId, out var volunteer))
            {
                volunteer = db.KnownVolunteers.Add(new KnownVolunteer { VolunteerId = change.VolunteerId, RegisteredAt = change.ChangedAt }).Entity;
                volunteers[change.VolunteerId] = volunteer;
            }
            else if (volunteer.ChangedAt > change.ChangedAt)
            {
                continue;
            }

            volunteer.DisplayName = change.DisplayName;
            volunteer.Kind = change.Kind;
            volunteer.Skills = [.. change.Skills];
            volunteer.HomeBuildingId = change.HomeBuildingId;
            volunteer.ChangedAt = change.ChangedAt;
            volunteer.ReceivedAt = receivedAt;
        }

        return volunteers;
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
