using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Activities.Staffing;

/// <summary>Activities' copy of an assignment made by the Volunteers service (from VolunteerAssigned / VolunteerWithdrawn).</summary>
public sealed class StaffAssignment
{
    public Guid AssignmentId { get; set; }

    public Guid RoleId { get; set; }

    public Guid VolunteerId { get; set; }

    public DateTimeOffset AssignedAt { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>When the volunteer checked in at the session's door; hours are credited only for time served.</summary>
    public DateTimeOffset? ArrivedAt { get; set; }

    /// <summary>When they checked out before the end; null when they stayed.</summary>
    public DateTimeOffset? LeftAt { get; set; }

    /// <summary>Minutes served in earlier stays, when they left and came back (the current stay is arrival to departure or end).</summary>
    public int EarlierMinutes { get; set; }
}

internal sealed class StaffAssignmentConfiguration : IEntityTypeConfiguration<StaffAssignment>
{
    public void Configure(EntityTypeBuilder<StaffAssignment> assignment)
    {
        assignment.ToTable("staff_assignments");
        assignment.HasKey(a => a.AssignmentId);
        assignment.Property(a => a.AssignmentId).ValueGeneratedNever();
        assignment.HasOne<VolunteerRole>().WithMany().HasForeignKey(a => a.RoleId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasIndex(a => a.RoleId);
    }
}
