using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Requests;

/// <summary>One change to a request: who, when, what, from what to what, why. Never updated or deleted.</summary>
public sealed class RequestChange
{
    public long Id { get; set; }

    public Guid RequestId { get; set; }

    public DateTimeOffset At { get; set; }

    public string By { get; set; } = "";

    /// <summary>status, assignee, priority, grid, merge, note, escalation, follow-up.</summary>
    public string What { get; set; } = "";

    public string? From { get; set; }

    public string? To { get; set; }

    public string? Reason { get; set; }
}

internal sealed class RequestChangeConfiguration : IEntityTypeConfiguration<RequestChange>
{
    public void Configure(EntityTypeBuilder<RequestChange> change)
    {
        change.ToTable("request_changes");
        change.HasKey(c => c.Id);
        change.Property(c => c.Id).UseIdentityAlwaysColumn();
        change.Property(c => c.By).HasMaxLength(200);
        change.Property(c => c.What).HasMaxLength(20);
        change.Property(c => c.From).HasMaxLength(100);
        change.Property(c => c.To).HasMaxLength(100);
        // As long as the longest text it records: a reason (1,000) or a resolution (2,000).
        change.Property(c => c.Reason).HasMaxLength(2000);
        change.HasOne<ResidentRequest>().WithMany().HasForeignKey(c => c.RequestId).OnDelete(DeleteBehavior.Restrict);
        change.HasIndex(c => c.RequestId);
    }
}
