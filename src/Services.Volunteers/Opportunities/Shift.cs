using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.Opportunities;

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

public static class ShiftStatuses
{
    public const string Open = "open";
    public const string Cancelled = "cancelled";
    public const string Completed = "completed";
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
