using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Visits;

/// <summary>A household visit (走访) by members of the grid's team.</summary>
public sealed class Visit
{
    public Guid Id { get; set; }

    /// <summary>The grid the household's building was in at the time (coverage counts it there).</summary>
    public Guid GridId { get; set; }

    public Guid HouseholdId { get; set; }

    public DateTimeOffset VisitedAt { get; set; }

    /// <summary>The team members who went (volunteer ids).</summary>
    public List<Guid> Visitors { get; set; } = [];

    public string? Note { get; set; }

    /// <summary>How many needs were found; each became a request (channel "visit").</summary>
    public int NeedsFound { get; set; }

    /// <summary>The requests those needs became, so the visit's history leads to them.</summary>
    public List<Guid> RequestIds { get; set; } = [];

    public string RecordedBy { get; set; } = "";
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> visit)
    {
        visit.ToTable("visits", t => t.HasCheckConstraint("ck_visits_visitors", "cardinality(visitors) >= 1"));
        visit.HasKey(v => v.Id);
        visit.Property(v => v.Note).HasMaxLength(500);
        visit.Property(v => v.RecordedBy).HasMaxLength(200);
        visit.Property(v => v.RequestIds).HasDefaultValueSql("'{}'::uuid[]");
        visit.HasOne<Places.Household>().WithMany().HasForeignKey(v => v.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        visit.HasOne<Grids.MicroGrid>().WithMany().HasForeignKey(v => v.GridId).OnDelete(DeleteBehavior.Restrict);
        // Coverage reads the latest visit per household; the monthly figures read a grid's visits by time.
        visit.HasIndex(v => new { v.HouseholdId, v.VisitedAt }).IsDescending(false, true);
        visit.HasIndex(v => new { v.GridId, v.VisitedAt });
    }
}
