using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Requests;

/// <summary>回访: the resident's word after resolution. Not satisfied reopens the request.</summary>
public sealed class FollowUp
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public DateTimeOffset At { get; set; }

    public string By { get; set; } = "";

    public bool Satisfied { get; set; }

    public string? Comment { get; set; }
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> followUp)
    {
        followUp.ToTable("follow_ups");
        followUp.HasKey(f => f.Id);
        followUp.Property(f => f.By).HasMaxLength(200);
        followUp.Property(f => f.Comment).HasMaxLength(1000);
        followUp.HasOne<ResidentRequest>().WithMany().HasForeignKey(f => f.RequestId).OnDelete(DeleteBehavior.Restrict);
        followUp.HasIndex(f => f.RequestId);
    }
}
