using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>A need for volunteers: from another service's request (a session's tutors) or created by staff.</summary>
public sealed class Opportunity
{
    public Guid Id { get; set; }

    /// <summary>"activities", "grid" or "staff" (see <see cref="OpportunitySources"/>).</summary>
    public string Source { get; set; } = "";

    /// <summary>The requesting service's id for the need (VolunteersRequested.RequestId); assignments refer back to it.</summary>
    public Guid RequestId { get; set; }

    /// <summary>The session the need is for, when it came from Activities.</summary>
    public Guid? SessionId { get; set; }

    public string Title { get; set; } = "";

    public string? Skill { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static Opportunity Open(string source, Guid requestId, string title, string? skill, DateTimeOffset now, Guid? sessionId = null) => new()
    {
        Id = Guid.CreateVersion7(), Source = source, RequestId = requestId, SessionId = sessionId, Title = title, Skill = skill, CreatedAt = now,
    };

    public Shift NewShift(DateTimeOffset startsAt, DateTimeOffset endsAt, string? place, Guid? buildingId, int minVolunteers, int maxVolunteers) => new()
    {
        Id = Guid.CreateVersion7(), OpportunityId = Id, StartsAt = startsAt, EndsAt = endsAt, Place = place,
        BuildingId = buildingId, MinVolunteers = minVolunteers, MaxVolunteers = maxVolunteers,
    };
}

public static class OpportunitySources
{
    public const string Staff = "staff";
}

/// <summary>A time slot of an opportunity with a minimum and a maximum number of volunteers.</summary>
public sealed class Shift
{
    public Guid Id { get; set; }

    public Guid OpportunityId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public string? Place { get; set; }

    /// <summary>The building the shift is at, when it is in the neighbourhood's housing (for matching by nearness).</summary>
    public Guid? BuildingId { get; set; }

    public int MinVolunteers { get; set; }

    public int MaxVolunteers { get; set; }

    /// <summary>Active assignments; the database keeps it within the maximum.</summary>
    public int Assigned { get; set; }

    public string Status { get; set; } = ShiftStatuses.Open;

    /// <summary>Which understaffing alerts went out: 1 = 72 h before, 2 = 24 h before.</summary>
    public int AlertsSent { get; set; }
}

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

internal sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> opportunity)
    {
        opportunity.ToTable("opportunities");
        opportunity.HasKey(o => o.Id);
        opportunity.Property(o => o.Source).HasMaxLength(20);
        opportunity.Property(o => o.Title).HasMaxLength(100);
        opportunity.Property(o => o.Skill).HasMaxLength(50);
        opportunity.HasIndex(o => o.RequestId).IsUnique();
        opportunity.HasIndex(o => o.SessionId);
    }
}

internal sealed class ShiftConfiguration : IEntityTypeConfiguration<Shift>
{
    public void Configure(EntityTypeBuilder<Shift> shift)
    {
        shift.ToTable("shifts", t =>
        {
            t.HasCheckConstraint("ck_shifts_assigned", "assigned >= 0 AND assigned <= max_volunteers");
            t.HasCheckConstraint("ck_shifts_bounds", "min_volunteers >= 0 AND max_volunteers >= 1 AND min_volunteers <= max_volunteers");
            t.HasCheckConstraint("ck_shifts_times", "ends_at > starts_at");
        });
        shift.HasKey(s => s.Id);
        shift.Property(s => s.Place).HasMaxLength(200);
        shift.Property(s => s.Status).HasMaxLength(20);
        shift.HasOne<Opportunity>().WithMany().HasForeignKey(s => s.OpportunityId).OnDelete(DeleteBehavior.Cascade);
        shift.HasIndex(s => s.StartsAt);
        shift.HasIndex(s => s.OpportunityId);
    }
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
