using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Requests;

/// <summary>
/// The mediation side of a neighbour-dispute request (邻里矛盾): the households involved, the mediator, the
/// agreement when reached. Private to staff and the grid's team: parties see only their own request.
/// </summary>
public sealed class Dispute
{
    public Guid RequestId { get; set; }

    public List<Guid> PartyHouseholdIds { get; set; } = [];

    /// <summary>Who mediates (a team member's volunteer id or a staff member's subject, with their name).</summary>
    public string Mediator { get; set; } = "";

    public string? Agreement { get; set; }

    public DateTimeOffset? AgreedAt { get; set; }
}

public sealed class MediationSession
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public DateTimeOffset HeldAt { get; set; }

    public List<Guid> AttendingHouseholdIds { get; set; } = [];

    public string Summary { get; set; } = "";

    public string RecordedBy { get; set; } = "";
}

/// <summary>A follow-up the team owes after an agreement (2 and 8 weeks after); done when a follow-up is recorded.</summary>
public sealed class ScheduledFollowUp
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }
}

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> dispute)
    {
        dispute.ToTable("disputes", t => t.HasCheckConstraint("ck_disputes_parties", "cardinality(party_household_ids) >= 2"));
        dispute.HasKey(d => d.RequestId);
        dispute.Property(d => d.Mediator).HasMaxLength(200);
        dispute.Property(d => d.Agreement).HasMaxLength(4000);
        dispute.HasOne<ResidentRequest>().WithOne().HasForeignKey<Dispute>(d => d.RequestId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MediationSessionConfiguration : IEntityTypeConfiguration<MediationSession>
{
    public void Configure(EntityTypeBuilder<MediationSession> session)
    {
        session.ToTable("mediation_sessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Summary).HasMaxLength(4000);
        session.Property(s => s.RecordedBy).HasMaxLength(200);
        session.HasOne<Dispute>().WithMany().HasForeignKey(s => s.RequestId).OnDelete(DeleteBehavior.Restrict);
        session.HasIndex(s => s.RequestId);
    }
}

internal sealed class ScheduledFollowUpConfiguration : IEntityTypeConfiguration<ScheduledFollowUp>
{
    public void Configure(EntityTypeBuilder<ScheduledFollowUp> followUp)
    {
        followUp.ToTable("scheduled_follow_ups");
        followUp.HasKey(f => f.Id);
        followUp.HasOne<ResidentRequest>().WithMany().HasForeignKey(f => f.RequestId).OnDelete(DeleteBehavior.Restrict);
        followUp.HasIndex(f => new { f.RequestId, f.DueAt });
        followUp.HasIndex(f => f.DueAt).HasFilter("done_at IS NULL");
    }
}
