using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Services.Grid.Data;

namespace Community.Services.Grid.Requests;

/// <summary>
/// The request's state machine, and the one place that writes a change: each change leaves a
/// <see cref="RequestChange"/> row and, where other services care, an event — in the caller's transaction.
/// </summary>
public static class RequestWorkflow
{
    /// <param name="StaffOnly">Grid teams may not take this step (it is a decision above the team).</param>
    /// <param name="NeedsReason">The change must say why.</param>
    public sealed record Step(string Action, IReadOnlyList<string> From, string To, bool StaffOnly = false, bool NeedsReason = false);

    public static readonly IReadOnlyList<Step> Steps =
    [
        new("accept", [RequestStatuses.Reported, RequestStatuses.Reopened], RequestStatuses.Accepted),
        new("start", [RequestStatuses.Accepted], RequestStatuses.InProgress),
        new("resolve", [RequestStatuses.Accepted, RequestStatuses.InProgress, RequestStatuses.Reopened], RequestStatuses.Resolved),
        new("close", [RequestStatuses.Resolved], RequestStatuses.Closed),
        new("return", [RequestStatuses.Reported, RequestStatuses.Accepted, RequestStatuses.InProgress, RequestStatuses.Reopened], RequestStatuses.Returned, NeedsReason: true),
        new("close-unresolved", RequestStatuses.Open, RequestStatuses.ClosedUnresolved, StaffOnly: true, NeedsReason: true),
        new("reopen", [RequestStatuses.Resolved, RequestStatuses.Closed], RequestStatuses.Reopened, NeedsReason: true),
    ];

    public static void Log(this GridDbContext db, ResidentRequest request, string what, string? from, string? to, string? reason, string by, DateTimeOffset now) =>
        db.RequestChanges.Add(new RequestChange { RequestId = request.Id, At = now, By = by, What = what, From = from, To = to, Reason = reason });

    /// <summary>Moves the request along <paramref name="step"/> (already checked as allowed) and announces it.</summary>
    public static void Apply(this GridDbContext db, ResidentRequest request, Step step, string? reason, string? resolution, string by, DateTimeOffset now, SlaOptions sla)
    {
        var from = request.Status;
        request.Status = step.To;
        db.Log(request, "status", from, step.To, reason ?? resolution, by, now);
        switch (step.To)
        {
            case RequestStatuses.Resolved:
                request.ResolvedAt = now;
                request.Resolution = resolution?.Trim();
                request.NextEscalationAt = null;
                db.AddEvent(new RequestResolved(request.Id, request.Category, request.BuildingId, request.GridId, now <= request.DueAt, request.ReportedAt, now), now);
                break;
            case RequestStatuses.Closed:
            case RequestStatuses.ClosedUnresolved:
                request.ClosedAt = now;
                request.NextEscalationAt = null;
                db.AddEvent(new RequestClosed(request.Id, request.Category, request.BuildingId, request.GridId, step.To == RequestStatuses.Closed, now), now);
                break;
            case RequestStatuses.Returned:
                // Handed back: staff must re-route it soon, or it escalates to them anyway.
                request.NextEscalationAt = Min(request.NextEscalationAt, now.AddHours(sla.RerouteWithinHours));
                break;
            case RequestStatuses.Reopened:
                request.ResolvedAt = null;
                request.ClosedAt = null;
                // The clock is not restarted: a reopened request already past due escalates on the next round.
                request.NextEscalationAt = request.EscalationLevel < 2 ? Max(request.DueAt, now) : null;
                db.AddEvent(new RequestReopened(request.Id, request.Category, request.BuildingId, request.GridId, now), now);
                break;
        }
    }

    private static DateTimeOffset Min(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
