using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>A volunteer on a shift. Its time range is copied from the shift so the database can refuse overlaps.</summary>
public sealed class Assignment
{
    public Guid Id { get; set; }

    public Guid ShiftId { get; set; }

    public Guid VolunteerId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public DateTimeOffset AssignedAt { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> assignment)
    {
        assignment.ToTable("assignments");
        assignment.HasKey(a => a.Id);
        assignment.HasOne<Shift>().WithMany().HasForeignKey(a => a.ShiftId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasOne<Registry.Volunteer>().WithMany().HasForeignKey(a => a.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        assignment.HasIndex(a => new { a.ShiftId, a.VolunteerId }).IsUnique().HasFilter("withdrawn_at IS NULL");
        // No volunteer is in two places at once: an exclusion constraint (in the migration) over
        // (volunteer_id, [starts_at, ends_at)) for assignments not withdrawn.
    }
}
