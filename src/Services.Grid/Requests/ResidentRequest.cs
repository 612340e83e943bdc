using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Requests;

/// <summary>
/// A resident request (群众诉求). The SLA clock starts at intake (<see cref="ReportedAt"/>, <see cref="DueAt"/>)
/// and never restarts; <see cref="NextEscalationAt"/> is when the escalation job looks at it next.
/// </summary>
public sealed class ResidentRequest
{
    public Guid Id { get; set; }

    public string Category { get; set; } = "";

    public string Priority { get; set; } = RequestPriorities.Normal;

    public string Channel { get; set; } = "";

    public Guid BuildingId { get; set; }

    public Guid? HouseholdId { get; set; }

    public string Description { get; set; } = "";

    /// <summary>References to pictures kept elsewhere (file ids or URLs from the chat), not the pictures.</summary>
    public List<string> Pictures { get; set; } = [];

    /// <summary>The resident who reported it (their id is their token subject), when known.</summary>
    public Guid? ReporterId { get; set; }

    /// <summary>The reporter asked not to be named: only staff see who it was.</summary>
    public bool Anonymous { get; set; }

    /// <summary>Who typed it in (a resident, or staff taking it from a chat or a call).</summary>
    public string TakenBy { get; set; } = "";

    public string Status { get; set; } = RequestStatuses.Reported;

    /// <summary>The grid whose team owns it; null: with station staff.</summary>
    public Guid? GridId { get; set; }

    /// <summary>The team member (volunteer id) working on it.</summary>
    public Guid? AssigneeId { get; set; }

    /// <summary>0 the grid team, 1 residents' committee staff, 2 admin.</summary>
    public int EscalationLevel { get; set; }

    public DateTimeOffset ReportedAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? NextEscalationAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? Resolution { get; set; }

    public Guid? MergedIntoId { get; set; }
}

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

public static class RequestStatuses
{
    public const string Reported = "reported";
    public const string Accepted = "accepted";
    public const string InProgress = "in-progress";
    public const string Resolved = "resolved";
    public const string Closed = "closed";
    public const string Returned = "returned";
    public const string ClosedUnresolved = "closed-unresolved";
    public const string Reopened = "reopened";
    public const string Merged = "merged";

    /// <summary>Still someone's work: the SLA clock and escalation apply.</summary>
    public static readonly IReadOnlyList<string> Open = [Reported, Accepted, InProgress, Returned, Reopened];
}

public static class RequestPriorities
{
    public const string Normal = "normal";
    public const string Urgent = "urgent";
    public static readonly IReadOnlyList<string> All = [Normal, Urgent];
}

public static class RequestCategories
{
    public const string NeighbourDispute = "neighbour-dispute";

    public static readonly IReadOnlyList<string> All =
        ["repair", NeighbourDispute, "environment-garbage", "stray-animals", "elderly-care", "equipment-need", "suggestion", "other"];
}

public static class RequestChannels
{
    public static readonly IReadOnlyList<string> All = ["building-chat", "wechat-group", "visit", "walk-in", "phone", "app"];
}

internal sealed class ResidentRequestConfiguration : IEntityTypeConfiguration<ResidentRequest>
{
    public void Configure(EntityTypeBuilder<ResidentRequest> request)
    {
        request.ToTable("requests", t =>
        {
            t.HasCheckConstraint("ck_requests_status",
                "status IN ('reported', 'accepted', 'in-progress', 'resolved', 'closed', 'returned', 'closed-unresolved', 'reopened', 'merged')");
            t.HasCheckConstraint("ck_requests_escalation", "escalation_level BETWEEN 0 AND 2");
            t.HasCheckConstraint("ck_requests_due", "due_at > reported_at");
        });
        request.HasKey(r => r.Id);
        request.Property(r => r.Category).HasMaxLength(30);
        request.Property(r => r.Priority).HasMaxLength(10);
        request.Property(r => r.Channel).HasMaxLength(20);
        request.Property(r => r.Description).HasMaxLength(2000);
        request.Property(r => r.TakenBy).HasMaxLength(200);
        request.Property(r => r.Status).HasMaxLength(20);
        request.Property(r => r.Resolution).HasMaxLength(2000);
        request.HasOne<Places.Building>().WithMany().HasForeignKey(r => r.BuildingId).OnDelete(DeleteBehavior.Restrict);
        request.HasOne<ResidentRequest>().WithMany().HasForeignKey(r => r.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        request.HasIndex(r => new { r.BuildingId, r.Category, r.Status });
        request.HasIndex(r => new { r.GridId, r.Status });
        request.HasIndex(r => r.ReporterId);
        request.HasIndex(r => r.ReportedAt);
        // The escalation job's query: open requests by their next escalation time.
        request.HasIndex(r => r.NextEscalationAt).HasFilter("next_escalation_at IS NOT NULL");
    }
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
        change.Property(c => c.Reason).HasMaxLength(1000);
        change.HasOne<ResidentRequest>().WithMany().HasForeignKey(c => c.RequestId).OnDelete(DeleteBehavior.Restrict);
        change.HasIndex(c => c.RequestId);
    }
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
