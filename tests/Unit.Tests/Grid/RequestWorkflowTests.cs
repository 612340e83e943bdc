using Community.Contracts;
using Community.Services.Grid.Requests;
using static Community.Unit.Tests.Grid.Examples;

namespace Community.Unit.Tests.Grid;

public sealed class RequestWorkflowTests
{
    /// <summary>Every named step from every status, and whether the workflow allows it.</summary>
    public static TheoryData<string, string, bool> EveryStepFromEveryStatus()
    {
        var legal = new Dictionary<string, string[]>
        {
            ["accept"] = [RequestStatuses.Reported, RequestStatuses.Reopened],
            ["start"] = [RequestStatuses.Accepted],
            ["resolve"] = [RequestStatuses.Accepted, RequestStatuses.InProgress, RequestStatuses.Reopened],
            ["close"] = [RequestStatuses.Resolved],
            ["return"] = [RequestStatuses.Reported, RequestStatuses.Accepted, RequestStatuses.InProgress, RequestStatuses.Reopened],
            ["close-unresolved"] = [RequestStatuses.Reported, RequestStatuses.Accepted, RequestStatuses.InProgress, RequestStatuses.Returned, RequestStatuses.Reopened],
            ["reopen"] = [RequestStatuses.Resolved, RequestStatuses.Closed],
        };
        var data = new TheoryData<string, string, bool>();
        foreach (var (action, from) in legal)
        {
            foreach (var status in RequestStatuses.All)
            {
                data.Add(action, status, from.Contains(status));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStepFromEveryStatus))]
    public void A_step_is_taken_only_from_the_statuses_it_allows_and_otherwise_changes_nothing(string action, string status, bool legal)
    {
        var request = InStatus(status);
        var step = Step(action);
        Assert.Equal(legal, step.Allows(status));

        if (legal)
        {
            var outcome = RequestWorkflow.Apply(request, step, "why", "fixed", "team-1", Noon.AddDays(1), Sla);
            Assert.Equal(step.To, request.Status);
            var change = Assert.Single(outcome.Changes);
            Assert.Equal(("status", status, step.To, request.Id), (change.What, change.From, change.To, change.RequestId));
        }
        else
        {
            Assert.Throws<InvalidOperationException>(() => RequestWorkflow.Apply(request, step, "why", "fixed", "team-1", Noon.AddDays(1), Sla));
            Assert.Equal(status, request.Status);
        }
    }

    [Fact]
    public void Merged_and_closed_requests_are_done_no_step_but_reopen_after_closing_leads_out()
    {
        Assert.DoesNotContain(RequestWorkflow.Steps, s => s.Allows(RequestStatuses.Merged) || s.Allows(RequestStatuses.ClosedUnresolved));
        Assert.Equal(["reopen"], RequestWorkflow.Steps.Where(s => s.Allows(RequestStatuses.Closed)).Select(s => s.Action));
    }

    [Theory]
    [InlineData(RequestRelation.Staff, "accept", true)]
    [InlineData(RequestRelation.Staff, "close-unresolved", true)]
    [InlineData(RequestRelation.Team, "resolve", true)]
    [InlineData(RequestRelation.Team, "return", true)]
    [InlineData(RequestRelation.Team, "close-unresolved", false)]
    [InlineData(RequestRelation.Reporter, "reopen", true)]
    [InlineData(RequestRelation.Reporter, "accept", false)]
    [InlineData(RequestRelation.Reporter, "close", false)]
    [InlineData(RequestRelation.None, "reopen", false)]
    public void Staff_take_any_step_the_team_all_but_staffs_decisions_and_the_reporter_only_reopens(RequestRelation relation, string action, bool allowed) =>
        Assert.Equal(allowed, RequestWorkflow.MayTake(relation, Step(action)));

    [Theory]
    [InlineData("return")]
    [InlineData("close-unresolved")]
    [InlineData("reopen")]
    public void Handing_back_giving_up_and_reopening_must_say_why(string action) => Assert.True(Step(action).NeedsReason);

    [Fact]
    public void An_unknown_action_is_no_step() => Assert.Null(RequestWorkflow.Find("fly"));

    [Fact]
    public void Intake_reports_the_request_to_its_grid_with_the_clock_started_and_announces_both()
    {
        var (request, outcome) = RequestWorkflow.Take(Details(), GridId, "staff-1", Noon, Sla);

        Assert.Equal((RequestStatuses.Reported, GridId, Noon, Noon.AddHours(72), Noon.AddHours(72)),
            (request.Status, request.GridId, request.ReportedAt, request.DueAt, request.NextEscalationAt));
        Assert.Equal(("楼道灯坏了", "pic-1"), (request.Description, request.Pictures.Single()));
        Assert.Equal([("status", RequestStatuses.Reported), ("grid", GridId.ToString())], outcome.Changes.Select(c => (c.What, c.To)));
        Assert.Equal([typeof(RequestReported), typeof(RequestAssigned)], outcome.Events.Select(e => e.GetType()));
    }

    [Fact]
    public void Resolving_stops_the_escalation_clock_and_says_whether_it_was_within_the_SLA()
    {
        var early = InStatus(RequestStatuses.Accepted);
        var onTime = RequestWorkflow.Apply(early, Step("resolve"), null, " 换了灯泡 ", "team-1", early.DueAt, Sla);
        Assert.Equal((early.DueAt, "换了灯泡", (DateTimeOffset?)null), (early.ResolvedAt!.Value, early.Resolution, early.NextEscalationAt));
        Assert.True(Assert.IsType<RequestResolved>(Assert.Single(onTime.Events)).WithinSla);

        var late = InStatus(RequestStatuses.Accepted);
        var overdue = RequestWorkflow.Apply(late, Step("resolve"), null, "换了灯泡", "team-1", late.DueAt.AddSeconds(1), Sla);
        Assert.False(Assert.IsType<RequestResolved>(Assert.Single(overdue.Events)).WithinSla);
    }

    [Fact]
    public void Closing_announces_whether_the_request_was_resolved()
    {
        var closed = RequestWorkflow.Apply(InStatus(RequestStatuses.Resolved), Step("close"), null, null, "team-1", Noon.AddDays(1), Sla);
        var givenUp = RequestWorkflow.Apply(InStatus(RequestStatuses.Accepted), Step("close-unresolved"), "无法处理", null, "staff-1", Noon.AddDays(1), Sla);

        Assert.True(Assert.IsType<RequestClosed>(Assert.Single(closed.Events)).Resolved);
        Assert.False(Assert.IsType<RequestClosed>(Assert.Single(givenUp.Events)).Resolved);
    }

    [Fact]
    public void A_returned_request_must_be_rerouted_within_a_day_or_it_escalates_but_never_later_than_its_due_time()
    {
        var fresh = Reported();
        var returned = RequestWorkflow.Apply(fresh, Step("return"), "不归本网格", null, "team-1", Noon.AddHours(1), Sla);
        Assert.Equal(Noon.AddHours(1 + Sla.RerouteWithinHours), fresh.NextEscalationAt);
        Assert.Empty(returned.Events);

        var urgent = Reported(Details(priority: RequestPriorities.Urgent));
        RequestWorkflow.Apply(urgent, Step("return"), "不归本网格", null, "team-1", Noon.AddHours(10), Sla);
        Assert.Equal(urgent.DueAt, urgent.NextEscalationAt);
    }

    [Fact]
    public void Reopening_keeps_the_original_clock_so_a_request_already_past_due_escalates_on_the_next_round()
    {
        var soon = InStatus(RequestStatuses.Resolved);
        RequestWorkflow.Apply(soon, Step("reopen"), "还是坏的", null, "resident-1", Noon.AddHours(5), Sla);
        Assert.Equal((soon.DueAt, (DateTimeOffset?)null), (soon.NextEscalationAt!.Value, soon.ResolvedAt));

        var late = InStatus(RequestStatuses.Closed);
        var reopenedAt = late.DueAt.AddDays(3);
        var outcome = RequestWorkflow.Apply(late, Step("reopen"), "还是坏的", null, "resident-1", reopenedAt, Sla);
        Assert.Equal((reopenedAt, (DateTimeOffset?)null), (late.NextEscalationAt!.Value, late.ClosedAt));
        Assert.IsType<RequestReopened>(Assert.Single(outcome.Events));
    }

    [Fact]
    public void Rerouting_a_returned_request_reports_it_afresh_to_its_new_owner_and_is_recorded_as_a_status_change()
    {
        var request = InStatus(RequestStatuses.Returned);
        var outcome = RequestWorkflow.Route(request, null, "由居委会处理", "staff-1", Noon.AddHours(2), Sla);

        Assert.Equal((RequestStatuses.Reported, (Guid?)null, (Guid?)null, request.DueAt), (request.Status, request.GridId, request.AssigneeId, request.NextEscalationAt!.Value));
        Assert.Equal([("grid", GridId.ToString(), "station staff"), ("status", RequestStatuses.Returned, RequestStatuses.Reported)],
            outcome.Changes.Select(c => (c.What, c.From, c.To)));
        Assert.Null(Assert.IsType<RequestAssigned>(Assert.Single(outcome.Events)).GridId);
    }

    [Fact]
    public void Rerouting_after_the_due_time_gives_the_new_owner_one_escalation_step()
    {
        var request = InStatus(RequestStatuses.Returned);
        var late = request.DueAt.AddHours(1);
        RequestWorkflow.Route(request, GridId, "换网格", "staff-1", late, Sla);
        Assert.Equal(late.AddHours(Sla.EscalationStepHours), request.NextEscalationAt);
    }

    [Fact]
    public void Routing_a_request_in_progress_moves_it_without_changing_its_status()
    {
        var request = InStatus(RequestStatuses.InProgress);
        var outcome = RequestWorkflow.Route(request, Guid.NewGuid(), "换网格", "staff-1", Noon.AddHours(3), Sla);
        Assert.Equal(RequestStatuses.InProgress, request.Status);
        Assert.Equal(["grid"], outcome.Changes.Select(c => c.What));
    }

    [Fact]
    public void A_merged_duplicate_is_done_never_escalates_and_the_merge_is_recorded_and_announced()
    {
        var duplicate = Reported();
        var original = Reported();
        var outcome = RequestWorkflow.MergeInto(duplicate, original, "同一件事", "staff-1", Noon.AddHours(1));

        Assert.Equal((RequestStatuses.Merged, original.Id, (DateTimeOffset?)null, Noon.AddHours(1)),
            (duplicate.Status, duplicate.MergedIntoId!.Value, duplicate.NextEscalationAt, duplicate.ClosedAt!.Value));
        Assert.Contains(outcome.Changes, c => c.RequestId == duplicate.Id && c.What == "status" && c.To == RequestStatuses.Merged);
        Assert.Contains(outcome.Changes, c => c.RequestId == original.Id && c.What == "merge");
        var merged = Assert.IsType<RequestMerged>(Assert.Single(outcome.Events));
        Assert.Equal((duplicate.Id, original.Id), (merged.RequestId, merged.IntoRequestId));
    }

    [Fact]
    public void Only_open_requests_merge_and_only_open_requests_are_assigned()
    {
        Assert.Throws<InvalidOperationException>(() => RequestWorkflow.MergeInto(InStatus(RequestStatuses.Resolved), Reported(), "x", "staff-1", Noon));
        Assert.Throws<InvalidOperationException>(() => RequestWorkflow.MergeInto(Reported(), InStatus(RequestStatuses.Closed), "x", "staff-1", Noon));
        Assert.Throws<InvalidOperationException>(() => RequestWorkflow.Assign(InStatus(RequestStatuses.Closed), Guid.NewGuid(), "team-1", Noon));
    }

    [Fact]
    public void A_priority_change_keeps_the_due_time_set_at_intake()
    {
        var request = Reported();
        var due = request.DueAt;
        var outcome = RequestWorkflow.ChangePriority(request, RequestPriorities.Urgent, "老人独居", "team-1", Noon.AddHours(1));
        Assert.Equal((RequestPriorities.Urgent, due), (request.Priority, request.DueAt));
        Assert.Equal(("priority", RequestPriorities.Normal, RequestPriorities.Urgent), outcome.Changes.Single() is var c ? (c.What, c.From, c.To) : default);
    }
}
