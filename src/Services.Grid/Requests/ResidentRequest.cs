using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Requests;

/// <summary>
/// A resident request (群众诉求). The SLA clock starts at intake (<see cref="ReportedAt"/>, <see cref="DueAt"/>)
/// and never restarts; <see cref="NextEscalationAt"/> is when the escalation job looks at it next. Its status
/// changes only through <see cref="RequestWorkflow"/>, which checks the step and records it.
/// </summary>
public sealed class ResidentRequest
{
    private ResidentRequest()
    {
    }

    public Guid Id { get; private set; }

    public string Category { get; private set; } = "";

    public string Priority { get; private set; } = RequestPriorities.Normal;

    public string Channel { get; private set; } = "";

    public Guid BuildingId { get; private set; }

    public Guid? HouseholdId { get; private set; }

    public string Description { get; private set; } = "";

    /// <summary>References to pictures kept elsewhere (file ids or URLs from the chat), not the pictures.</summary>
    public List<string> Pictures { get; private set; } = [];

    /// <summary>The resident who reported it (their id is their token subject), when known.</summary>
    public Guid? ReporterId { get; private set; }

    /// <summary>The reporter asked not to be named: only staff see who it was.</summary>
    public bool Anonymous { get; private set; }

    /// <summary>Who typed it in (a resident, or staff taking it from a chat or a call).</summary>
    public string TakenBy { get; private set; } = "";

    public string Status { get; private set; } = RequestStatuses.Reported;

    /// <summary>The grid whose team owns it; null: with station staff.</summary>
    public Guid? GridId { get; private set; }

    /// <summary>The team member (volunteer id) working on it.</summary>
    public Guid? AssigneeId { get; private set; }

    /// <summary>0 the grid team, 1 residents' committee staff, 2 admin.</summary>
    public int EscalationLevel { get; private set; }

    public DateTimeOffset ReportedAt { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset? NextEscalationAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? Resolution { get; private set; }

    public Guid? MergedIntoId { get; private set; }

    public bool IsOpen => RequestStatuses.Open.Contains(Status);

    /// <summary>
    /// The reporter asked for their data to be erased: the request no longer names them. An open problem keeps its
    /// description (someone still has to fix it); a finished one loses the reporter's words and pictures too.
    /// </summary>
    public void ForgetReporter(string erasedText)
    {
        ReporterId = null;
        Anonymous = true;
        if (!IsOpen)
        {
            Description = erasedText;
            Pictures = [];
        }
    }

    /// <summary>A new request, reported now, routed to <paramref name="gridId"/>, due <paramref name="dueAfter"/> later.</summary>
    internal static ResidentRequest Take(RequestDetails details, Guid? gridId, string takenBy, DateTimeOffset now, TimeSpan dueAfter) => new()
    {
        Id = Guid.CreateVersion7(),
        Category = details.Category,
        Priority = details.Priority,
        Channel = details.Channel,
        BuildingId = details.BuildingId,
        HouseholdId = details.HouseholdId,
        Description = details.Description.Trim(),
        Pictures = details.Pictures.Select(p => p.Trim()).ToList(),
        ReporterId = details.ReporterId,
        Anonymous = details.Anonymous,
        TakenBy = takenBy,
        GridId = gridId,
        ReportedAt = now,
        DueAt = now + dueAfter,
        NextEscalationAt = now + dueAfter,
    };

    /// <summary>
    /// Takes <paramref name="status"/> and what it means for the request's times. Only <see cref="RequestWorkflow"/>
    /// calls this, after checking that the step may be taken from the current status.
    /// </summary>
    internal void Enter(string status, DateTimeOffset now, SlaOptions sla, string? resolution = null)
    {
        Status = status;
        switch (status)
        {
            case RequestStatuses.Resolved:
                ResolvedAt = now;
                Resolution = resolution?.Trim();
                NextEscalationAt = null;
                break;
            case RequestStatuses.Closed:
            case RequestStatuses.ClosedUnresolved:
                ClosedAt = now;
                NextEscalationAt = null;
                break;
            case RequestStatuses.Returned:
                // Handed back: staff must re-route it soon, or it escalates to them anyway.
                NextEscalationAt = Earlier(NextEscalationAt, now.AddHours(sla.RerouteWithinHours));
                break;
            case RequestStatuses.Reopened:
                ResolvedAt = null;
                ClosedAt = null;
                // The clock is not restarted: a reopened request already past due escalates on the next round.
                NextEscalationAt = EscalationLevel < EscalationStep.Top ? Later(DueAt, now) : null;
                break;
            case RequestStatuses.Reported:
                // Re-routed after a return: on its original clock, or a step's grace when that has run out.
                NextEscalationAt = EscalationLevel < EscalationStep.Top ? (DueAt > now ? DueAt : now.AddHours(sla.EscalationStepHours)) : null;
                break;
        }
    }

    /// <summary>Folds this duplicate into its original: it is done, and never escalates. Only <see cref="RequestWorkflow"/> calls this.</summary>
    internal void MergeInto(Guid originalId, DateTimeOffset now)
    {
        Status = RequestStatuses.Merged;
        MergedIntoId = originalId;
        NextEscalationAt = null;
        ClosedAt = now;
    }

    /// <summary>Sends the request to a grid's team (null: to station staff); nobody in the new team has it yet.</summary>
    internal void RouteTo(Guid? gridId)
    {
        GridId = gridId;
        AssigneeId = null;
    }

    internal void AssignTo(Guid assigneeId) => AssigneeId = assigneeId;

    /// <summary>The due time stays as set at intake.</summary>
    internal void ChangePriority(string priority) => Priority = priority;

    private static DateTimeOffset Earlier(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>What was reported, as intake takes it in (already checked).</summary>
public sealed record RequestDetails(
    string Category, string Priority, string Channel, Guid BuildingId, Guid? HouseholdId, string Description, IReadOnlyList<string> Pictures,
    Guid? ReporterId, bool Anonymous);

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

    public static readonly IReadOnlyList<string> All = [.. Open, Resolved, Closed, ClosedUnresolved, Merged];
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

    /// <summary>Stray cats and dogs: the complaints the cat archive links to colonies.</summary>
    public const string StrayAnimals = "stray-animals";

    public static readonly IReadOnlyList<string> All =
        ["repair", NeighbourDispute, "environment-garbage", StrayAnimals, "elderly-care", "equipment-need", "suggestion", "other"];
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
