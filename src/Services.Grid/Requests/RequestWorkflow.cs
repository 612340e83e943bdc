using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Services.Grid.Data;

namespace Community.Services.Grid.Requests;

/// <summary>
/// The request's state machine, and the one place that changes a request: each change leaves a
/// <see cref="RequestChange"/> row and, where other services care, an event — in the caller's transaction.
/// The operations here decide and describe a change (<see cref="Outcome"/>) without touching the database;
/// <see cref="Record"/> adds what they describe to the caller's unit of work.
/// </summary>
public static class RequestWorkflow
{
    /// <param name="StaffOnly">Grid teams may not take this step (it is a decision above the team).</param>
    /// <param name="NeedsReason">The change must say why.</param>
    public sealed record Step(string Action, IReadOnlyList<string> From, string To, bool StaffOnly = false, bool NeedsReason = false)
    {
        public bool Allows(string status) => From.Contains(status);
    }

    /// <summary>The steps a caller asks for by name.</summary>
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

    public static readonly Step Reopen = Steps.Single(s => s.Action == "reopen");

    /// <summary>Staff send a returned request out again: it is reported afresh to its new owner, on its original clock.</summary>
    public static readonly Step Reroute = new("re-route", [RequestStatuses.Returned], RequestStatuses.Reported, StaffOnly: true, NeedsReason: true);

    /// <summary>Staff fold an open duplicate into its open original.</summary>
    public static readonly Step Merge = new("merge", RequestStatuses.Open, RequestStatuses.Merged, StaffOnly: true, NeedsReason: true);

    public static Step? Find(string? action) => Steps.FirstOrDefault(s => s.Action == action);

    /// <summary>Staff take any step; the team all but staff's decisions; the reporter may only reopen their request.</summary>
    public static bool MayTake(RequestRelation relation, Step step) => relation switch
    {
        RequestRelation.Staff => true,
        RequestRelation.Team => !step.StaffOnly,
        RequestRelation.Reporter or RequestRelation.MergedReporter => step == Reopen,
        _ => false,
    };

    /// <summary>What a change leaves behind: its audit rows and the events other services are told.</summary>
    public sealed record Outcome(IReadOnlyList<RequestChange> Changes, IReadOnlyList<object> Events)
    {
        public static Outcome Of(params RequestChange[] changes) => new(changes, []);

        public Outcome And(object @event) => this with { Events = [.. Events, @event] };

        public Outcome Then(Outcome next) => new([.. Changes, .. next.Changes], [.. Events, .. next.Events]);
    }

    private static RequestChange Change(Guid requestId, string what, string? from, string? to, string? reason, string by, DateTimeOffset now) =>
        new() { RequestId = requestId, At = now, By = by, What = what, From = from, To = to, Reason = reason };

    /// <summary>A new request: reported, routed to <paramref name="gridId"/>, with its SLA clock started.</summary>
    public static (ResidentRequest Request, Outcome Outcome) Take(RequestDetails details, Guid? gridId, string by, DateTimeOffset now, SlaOptions sla)
    {
        var request = ResidentRequest.Take(details, gridId, by, now, sla.DueAfter(details.Category, details.Priority));
        var outcome = Outcome.Of(
                Change(request.Id, "status", null, RequestStatuses.Reported, $"via {request.Channel}", by, now),
                Change(request.Id, "grid", null, OwnerOf(gridId), "routed by building", by, now))
            .And(new RequestReported(request.Id, request.Category, request.Priority, request.Channel, request.BuildingId, gridId, now, request.DueAt))
            .And(new RequestAssigned(request.Id, gridId, null, request.Category, request.BuildingId, now));
        return (request, outcome);
    }

    /// <summary>Moves the request along <paramref name="step"/>, which must allow its current status, and announces it.</summary>
    public static Outcome Apply(ResidentRequest request, Step step, string? reason, string? resolution, string by, DateTimeOffset now, SlaOptions sla)
    {
        var from = Check(request, step);
        request.Enter(step.To, now, sla, resolution);
        var outcome = Outcome.Of(Change(request.Id, "status", from, step.To, reason ?? resolution, by, now));
        if (request.ReporterId is not null)
        {
            outcome = outcome.And(new RequestProgressed(request.Id, step.To, request.Category, request.ReporterId, now));
        }

        return step.To switch
        {
            RequestStatuses.Resolved => outcome.And(new RequestResolved(
                request.Id, request.Category, request.BuildingId, request.GridId, now <= request.DueAt, request.ReportedAt, now)),
            RequestStatuses.Closed or RequestStatuses.ClosedUnresolved => outcome.And(new RequestClosed(
                request.Id, request.Category, request.BuildingId, request.GridId, step.To == RequestStatuses.Closed, now)),
            RequestStatuses.Reopened => outcome.And(new RequestReopened(request.Id, request.Category, request.BuildingId, request.GridId, now)),
            _ => outcome,
        };
    }

    /// <summary>
    /// Staff send an open request to a grid's team (null: keep it with staff); a returned one is reported afresh
    /// (<see cref="Reroute"/>). Whoever had it no longer does.
    /// </summary>
    public static Outcome Route(ResidentRequest request, Guid? gridId, string reason, string by, DateTimeOffset now, SlaOptions sla)
    {
        Require(request.IsOpen, request, "routed");
        var outcome = Outcome.Of(Change(request.Id, "grid", OwnerOf(request.GridId), OwnerOf(gridId), reason, by, now));
        request.RouteTo(gridId);
        if (Reroute.Allows(request.Status))
        {
            outcome = outcome.Then(Apply(request, Reroute, "re-routed", null, by, now, sla));
        }

        return outcome.And(new RequestAssigned(request.Id, request.GridId, null, request.Category, request.BuildingId, now));
    }

    /// <summary>Folds the duplicate into its original; the duplicate's reporter follows the original from now on.</summary>
    public static Outcome MergeInto(ResidentRequest duplicate, ResidentRequest original, string reason, string by, DateTimeOffset now)
    {
        var from = Check(duplicate, Merge);
        Require(original.IsOpen && original.Id != duplicate.Id, original, "merged into");
        duplicate.MergeInto(original.Id, now);
        return Outcome.Of(
                Change(duplicate.Id, "merge", from, $"merged into {original.Id}", reason, by, now),
                Change(original.Id, "merge", null, $"absorbed {duplicate.Id}", reason, by, now),
                Change(duplicate.Id, "status", from, RequestStatuses.Merged, reason, by, now))
            .And(new RequestMerged(duplicate.Id, original.Id, duplicate.Category, duplicate.BuildingId, duplicate.GridId, now));
    }

    /// <summary>Gives an open request to a member of its grid's team (checked by the caller).</summary>
    public static Outcome Assign(ResidentRequest request, Guid assigneeId, string by, DateTimeOffset now)
    {
        Require(request.IsOpen, request, "assigned");
        var outcome = Outcome.Of(Change(request.Id, "assignee", request.AssigneeId?.ToString(), assigneeId.ToString(), null, by, now));
        request.AssignTo(assigneeId);
        return outcome.And(new RequestAssigned(request.Id, request.GridId, assigneeId, request.Category, request.BuildingId, now));
    }

    public static Outcome ChangePriority(ResidentRequest request, string priority, string reason, string by, DateTimeOffset now)
    {
        var outcome = Outcome.Of(Change(request.Id, "priority", request.Priority, priority, reason, by, now));
        request.ChangePriority(priority);
        return outcome;
    }

    /// <summary>Adds the outcome's rows and events to the caller's unit of work (saved with its transaction).</summary>
    public static void Record(this GridDbContext db, Outcome outcome, DateTimeOffset now)
    {
        db.RequestChanges.AddRange(outcome.Changes);
        foreach (var @event in outcome.Events)
        {
            db.AddEvent(@event, now);
        }
    }

    /// <summary>Adds one audit row that changes nothing else (a note, a follow-up, an escalation).</summary>
    public static void Log(this GridDbContext db, Guid requestId, string what, string? from, string? to, string? reason, string by, DateTimeOffset now) =>
        db.RequestChanges.Add(Change(requestId, what, from, to, reason, by, now));

    private static string OwnerOf(Guid? gridId) => gridId?.ToString() ?? "station staff";

    private static string Check(ResidentRequest request, Step step)
    {
        Require(step.Allows(request.Status), request, step.Action);
        return request.Status;
    }

    private static void Require(bool allowed, ResidentRequest request, string what)
    {
        if (!allowed)
        {
            throw new InvalidOperationException($"Request {request.Id} is {request.Status} and cannot be {what}.");
        }
    }
}
