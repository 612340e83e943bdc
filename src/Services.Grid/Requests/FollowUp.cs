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

    /// <summary>How the resident's word came: <c>reporter</c> (they recorded it), <c>phone-call</c> or <c>visit</c>.</summary>
    public string Source { get; set; } = FollowUpSources.Reporter;

    /// <summary>Who answered, when someone else recorded it (the resident, or a party to a dispute).</summary>
    public string? Respondent { get; set; }
}

public static class FollowUpSources
{
    public const string Reporter = "reporter";
    public const string PhoneCall = "phone-call";
    public const string Visit = "visit";

    /// <summary>What staff or a team member may record: what the resident said on a call or at the door.</summary>
    public static readonly IReadOnlyList<string> Recorded = [PhoneCall, Visit];
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> followUp)
    {
        followUp.ToTable("follow_ups");
        followUp.HasKey(f => f.Id);
        followUp.Property(f => f.By).HasMaxLength(200);
        followUp.Property(f => f.Comment).HasMaxLength(1000);
        followUp.Property(f => f.Source).HasMaxLength(20).HasDefaultValue(FollowUpSources.Reporter);
        followUp.Property(f => f.Respondent).HasMaxLength(100);
        followUp.HasOne<ResidentRequest>().WithMany().HasForeignKey(f => f.RequestId).OnDelete(DeleteBehavior.Restrict);
        followUp.HasIndex(f => f.RequestId);
    }
}
