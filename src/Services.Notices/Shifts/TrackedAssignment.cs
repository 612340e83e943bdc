using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Notices.Shifts;

/// <summary>Which session a volunteer request is for (<c>VolunteersRequested</c>): a moved session tells its volunteers.</summary>
public sealed class SessionVolunteerRequest
{
    public Guid RequestId { get; set; }

    public Guid SessionId { get; set; }
}

/// <summary>A volunteer on a shift that answers a request (<c>VolunteerAssigned</c> / <c>VolunteerWithdrawn</c>).</summary>
public sealed class TrackedAssignment
{
    public Guid AssignmentId { get; set; }

    public Guid VolunteerId { get; set; }

    public Guid RequestId { get; set; }

    public bool Active { get; set; }
}

internal sealed class ShiftsConfiguration : IEntityTypeConfiguration<SessionVolunteerRequest>, IEntityTypeConfiguration<TrackedAssignment>
{
    public void Configure(EntityTypeBuilder<SessionVolunteerRequest> request)
    {
        request.ToTable("session_volunteer_requests");
        request.HasKey(r => r.RequestId);
        request.HasIndex(r => r.SessionId);
    }

    public void Configure(EntityTypeBuilder<TrackedAssignment> assignment)
    {
        assignment.ToTable("tracked_assignments");
        assignment.HasKey(a => a.AssignmentId);
        assignment.HasIndex(a => a.RequestId).HasFilter("active");
    }
}
