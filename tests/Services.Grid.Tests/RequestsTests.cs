using System.Net;
using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Community.Services.Grid.Requests;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Community.Services.Grid.Tests;

/// <summary>Resident requests: routing, the honest statuses, the audit trail, follow-up, merging, escalation, and who may touch what.</summary>
public sealed class RequestsTests(ClockedServiceFixture<GridDbContext> fixture) : IClassFixture<ClockedServiceFixture<GridDbContext>>
{
    private readonly GridScenario _scenario = new(fixture.Host);

    private async Task<RequestDto> ReportAsync(HttpClient client, Guid building, string category = "repair", bool anonymous = false, string priority = "normal")
    {
        var response = await client.PostAsJsonAsync("/requests", new { category, priority, channel = "building-chat", buildingId = building, description = "楼道灯坏了", anonymous });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RequestDto>())!;
    }

    private Task<HttpResponseMessage> Act(HttpClient client, Guid id, string action, string? reason = null, string? resolution = null) =>
        client.PostAsJsonAsync($"/requests/{id}/transitions", new { action, reason, resolution });

    [Fact]
    public async Task The_satisfaction_follow_up_is_the_residents_word_not_the_handlers()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var (_, resident) = await _scenario.HouseholdAsync(building);
        var handler = _scenario.As(secretary, Roles.GridWorker);
        var request = await ReportAsync(_scenario.As(resident, Roles.Resident), building);
        Assert.Equal(HttpStatusCode.OK, (await Act(handler, request.Id, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await handler.PostAsJsonAsync($"/requests/{request.Id}/assign", new { assigneeId = secretary })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Act(handler, request.Id, "resolve", resolution: "换了灯泡")).StatusCode);

        // The one who handled it cannot mark their own work, not even as a call.
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.PostAsJsonAsync($"/requests/{request.Id}/follow-ups", new { satisfied = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.PostAsJsonAsync($"/requests/{request.Id}/follow-ups",
            new { satisfied = true, source = "phone-call", respondent = "报告人" })).StatusCode);

        // Staff record a call only as a call, naming who answered.
        var staffNoSource = await _scenario.Staff.PostAsJsonAsync($"/requests/{request.Id}/follow-ups", new { satisfied = true });
        Assert.Equal(HttpStatusCode.BadRequest, staffNoSource.StatusCode);
        Assert.Contains("source", await staffNoSource.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await _scenario.Staff.PostAsJsonAsync($"/requests/{request.Id}/follow-ups",
            new { satisfied = true, source = "phone-call" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.PostAsJsonAsync($"/requests/{request.Id}/follow-ups",
            new { satisfied = true, source = "phone-call", respondent = "张阿姨本人" })).StatusCode);

        var recorded = await fixture.Host.WithScope(async s => await s.GetRequiredService<GridDbContext>().FollowUps.SingleAsync(f => f.RequestId == request.Id));
        Assert.Equal(("phone-call", "张阿姨本人"), (recorded.Source, recorded.Respondent));
    }

    [Fact]
    public async Task A_resolution_as_long_as_the_request_allows_is_kept_whole_in_the_change_log()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var (_, resident) = await _scenario.HouseholdAsync(building);
        var team = _scenario.As(secretary, Roles.GridWorker);
        var request = await ReportAsync(_scenario.As(resident, Roles.Resident), building);
        Assert.Equal(HttpStatusCode.OK, (await Act(team, request.Id, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await team.PostAsJsonAsync($"/requests/{request.Id}/assign", new { assigneeId = secretary })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Act(team, request.Id, "start")).StatusCode);
        var resolution = string.Concat(Enumerable.Repeat("楼道灯、门禁和水管都已修好。", 140))[..1_900];

        Assert.Equal(HttpStatusCode.OK, (await Act(team, request.Id, "resolve", resolution: resolution)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Act(team, request.Id, "resolve", resolution: resolution + new string('多', 200))).StatusCode);

        var history = (await team.GetFromJsonAsync<List<RequestChangeDto>>($"/requests/{request.Id}/history"))!;
        Assert.Equal(resolution, history.Single(h => h.What == "status" && h.To == "resolved").Reason);
    }

    [Fact]
    public async Task A_request_goes_to_its_buildings_team_through_honest_statuses_and_every_change_is_kept()
    {
        var (grid, building, secretary) = await _scenario.GridAsync();
        var (_, resident) = await _scenario.HouseholdAsync(building);
        var team = _scenario.As(secretary, Roles.GridWorker);
        var reporter = _scenario.As(resident, Roles.Resident);

        var request = await ReportAsync(reporter, building);
        Assert.Equal((grid, "reported", resident), (request.GridId!.Value, request.Status, request.ReporterId!.Value));
        Assert.Equal(request.ReportedAt.AddHours(72), request.DueAt);

        // Closing what was never resolved is refused; a return needs a reason.
        var closeEarly = await Act(team, request.Id, "close");
        Assert.Equal(HttpStatusCode.Conflict, closeEarly.StatusCode);
        Assert.Contains("illegal-status-change", await closeEarly.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await Act(team, request.Id, "return")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Act(team, request.Id, "fly")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Act(team, request.Id, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await team.PostAsJsonAsync($"/requests/{request.Id}/assign", new { assigneeId = secretary })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Act(team, request.Id, "start")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Act(team, request.Id, "resolve")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Act(team, request.Id, "resolve", resolution: "物业已换灯泡")).StatusCode);

        // Follow-up: not satisfied reopens it; the team resolves again; satisfied; closed.
        Assert.Equal(HttpStatusCode.OK, (await reporter.PostAsJsonAsync($"/requests/{request.Id}/follow-ups", new { satisfied = false, comment = "三楼还是黑的" })).StatusCode);
        Assert.Equal("reopened", (await reporter.GetFromJsonAsync<RequestDto>($"/requests/{request.Id}"))!.Status);
        Assert.Equal(HttpStatusCode.OK, (await Act(team, request.Id, "resolve", resolution: "三楼也换了")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reporter.PostAsJsonAsync($"/requests/{request.Id}/follow-ups", new { satisfied = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Act(team, request.Id, "close")).StatusCode);

        var history = (await team.GetFromJsonAsync<List<RequestChangeDto>>($"/requests/{request.Id}/history"))!;
        Assert.Equal(["reported", "accepted", "in-progress", "resolved", "reopened", "resolved", "closed"],
            history.Where(h => h.What == "status").Select(h => h.To));
        Assert.Contains(history, h => h.What == "assignee" && h.To == secretary.ToString());
        Assert.Contains(history, h => h.What == "follow-up" && h.To == "not satisfied" && h.Reason == "三楼还是黑的");
        Assert.All(history, h => Assert.False(string.IsNullOrEmpty(h.By)));

        var types = (await fixture.Host.WithScope(async s => await s.GetRequiredService<GridDbContext>().OutboxMessages
            .Select(m => new { m.MessageType, m.Payload }).ToListAsync())).Where(m => m.Payload.Contains(request.Id.ToString())).Select(m => m.MessageType).ToList();
        foreach (var type in new[] { "RequestReported", "RequestAssigned", "RequestResolved", "RequestReopened", "RequestClosed" })
        {
            Assert.Contains(types, t => t.StartsWith($"Community.Contracts.{type},"));
        }
    }

    [Fact]
    public async Task A_request_shows_who_took_up_its_call_for_volunteers_and_a_helper_who_withdraws_leaves_it()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var (_, resident) = await _scenario.HouseholdAsync(building);
        var request = await ReportAsync(_scenario.As(resident, Roles.Resident), building, category: "elderly-care");
        var team = _scenario.As(secretary, Roles.GridWorker);
        var starts = fixture.Clock.GetUtcNow().AddDays(1);
        Assert.Equal(HttpStatusCode.Accepted, (await team.PostAsJsonAsync($"/requests/{request.Id}/volunteer-help",
            new { skill = "hospital-escort", needed = 2, startsAt = starts, endsAt = starts.AddHours(3) })).StatusCode);
        var call = Assert.Single((await team.GetFromJsonAsync<List<RequestHelpDto>>($"/requests/{request.Id}/volunteer-help"))!);
        Assert.Equal((2, "hospital-escort"), (call.Needed, call.Skill));
        Assert.Empty(call.Helpers);

        // The Volunteers service announces two helpers on the call's shift (and one on someone else's need, not ours);
        // one withdraws, and the withdrawal overtakes nothing: the request shows the one still coming, by name.
        var bus = fixture.Host.Services.GetRequiredService<MassTransit.IBus>();
        var (stays, leaves) = (await _scenario.VolunteerAsync("陪诊志愿者小吴"), await _scenario.VolunteerAsync("陪诊志愿者老陈"));
        var leavesAssignment = Guid.NewGuid();
        await bus.Publish(new Contracts.VolunteerAssigned(Guid.NewGuid(), stays, call.Id, DateTimeOffset.UtcNow));
        await bus.Publish(new Contracts.VolunteerAssigned(leavesAssignment, leaves, call.Id, DateTimeOffset.UtcNow));
        await bus.Publish(new Contracts.VolunteerAssigned(Guid.NewGuid(), leaves, Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Eventually.True(async () => (await team.GetFromJsonAsync<List<RequestHelpDto>>($"/requests/{request.Id}/volunteer-help"))![0].Helpers.Count == 2,
            TimeSpan.FromSeconds(30), "both helpers on the request");
        await bus.Publish(new Contracts.VolunteerWithdrawn(leavesAssignment, leaves, call.Id, DateTimeOffset.UtcNow));
        var helper = await Eventually.Get(async () =>
            (await team.GetFromJsonAsync<List<RequestHelpDto>>($"/requests/{request.Id}/volunteer-help"))![0].Helpers is [var only] ? only : null,
            TimeSpan.FromSeconds(30), "the withdrawal");
        Assert.Equal((stays, "陪诊志愿者小吴"), (helper.VolunteerId, helper.DisplayName));

        // Only those who work the request see its helpers; the reporter and another grid's worker do not.
        var (_, _, stranger) = await _scenario.GridAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(stranger, Roles.GridWorker).GetAsync($"/requests/{request.Id}/volunteer-help")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(resident, Roles.Resident).GetAsync($"/requests/{request.Id}/volunteer-help")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.GetAsync($"/requests/{request.Id}/volunteer-help")).StatusCode);
    }

    [Fact]
    public async Task A_resolved_request_asks_no_volunteers_and_changes_no_priority()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var request = await ReportAsync(_scenario.Staff, building, category: "elderly-care");
        var team = _scenario.As(secretary, Roles.GridWorker);
        Assert.Equal(HttpStatusCode.OK, (await Act(team, request.Id, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Act(team, request.Id, "resolve", resolution: "已陪同就医")).StatusCode);

        // Before, a call for helpers went out for a request already done, and nothing ever withdrew it.
        var starts = fixture.Clock.GetUtcNow().AddDays(1);
        var help = await team.PostAsJsonAsync($"/requests/{request.Id}/volunteer-help", new { skill = "hospital-escort", needed = 1, startsAt = starts, endsAt = starts.AddHours(2) });
        var priority = await team.PostAsJsonAsync($"/requests/{request.Id}/priority", new { priority = "urgent", reason = "家属来电" });

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (help.StatusCode, priority.StatusCode));
        Assert.Equal("application/problem+json", help.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await team.GetFromJsonAsync<List<RequestHelpDto>>($"/requests/{request.Id}/volunteer-help"))!);
        var calls = await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().OutboxMessages
            .Where(m => m.MessageType.StartsWith("Community.Contracts.VolunteerHelpRequested,")).Select(m => m.Payload).ToListAsync());
        Assert.DoesNotContain(calls, p => p.Contains(request.Id.ToString()));
    }

    [Fact]
    public async Task Two_requests_merged_into_each_other_at_once_end_as_one_merge_and_a_conflict()
    {
        var (_, building, _) = await _scenario.GridAsync();
        var (x, y) = (await ReportAsync(_scenario.Staff, building), await ReportAsync(_scenario.Staff, building));

        // The test holds both rows while staff merge X into Y and, at the same moment, Y into X; both wait, then go.
        var merges = await HeldRows.WhileWaitingAsync<GridDbContext, HttpResponseMessage[]>(fixture.Host.Services,
            $"SELECT 1 FROM requests WHERE id IN ({x.Id}, {y.Id}) FOR UPDATE",
            () => Task.WhenAll(
                _scenario.Staff.PostAsJsonAsync($"/requests/{x.Id}/merge", new { intoId = y.Id, reason = "同一件事" }),
                _scenario.Staff.PostAsJsonAsync($"/requests/{y.Id}/merge", new { intoId = x.Id, reason = "同一件事" })),
            "%FROM requests WHERE id = $1 FOR UPDATE%", _ => Task.CompletedTask, waiters: 2);

        // Before, each locked its own request first and then the other's: PostgreSQL broke the deadlock by failing one
        // (a 503 telling staff the database was unreachable).
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], merges.Select(m => m.StatusCode).Order());
        var statuses = await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().Requests
            .Where(r => r.Id == x.Id || r.Id == y.Id).Select(r => r.Status).ToListAsync());
        Assert.Equal(["merged", "reported"], statuses.Order());
    }

    [Fact]
    public async Task Another_grids_worker_and_another_resident_are_refused_on_every_endpoint_that_takes_a_request_id()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var (_, _, stranger) = await _scenario.GridAsync();
        var (_, resident) = await _scenario.HouseholdAsync(building);
        var (_, neighbour) = await _scenario.HouseholdAsync(building, "13900002222");
        var request = await ReportAsync(_scenario.As(resident, Roles.Resident), building, anonymous: true);
        var otherTeam = _scenario.As(stranger, Roles.GridWorker);
        var otherResident = _scenario.As(neighbour, Roles.Resident);
        var id = request.Id;

        var calls = new (HttpClient Client, Func<HttpClient, Task<HttpResponseMessage>> Call)[]
        {
            (otherTeam, c => c.GetAsync($"/requests/{id}")),
            (otherTeam, c => c.GetAsync($"/requests/{id}/history")),
            (otherTeam, c => Act(c, id, "accept")),
            (otherTeam, c => c.PostAsJsonAsync($"/requests/{id}/assign", new { assigneeId = stranger })),
            (otherTeam, c => c.PostAsJsonAsync($"/requests/{id}/priority", new { priority = "urgent", reason = "x" })),
            (otherTeam, c => c.PostAsJsonAsync($"/requests/{id}/notes", new { note = "x" })),
            (otherTeam, c => c.PostAsJsonAsync($"/requests/{id}/follow-ups", new { satisfied = true })),
            (otherTeam, c => c.PostAsJsonAsync($"/requests/{id}/volunteer-help", new { needed = 1, startsAt = fixture.Clock.GetUtcNow().AddDays(1), endsAt = fixture.Clock.GetUtcNow().AddDays(1).AddHours(2) })),
            (otherTeam, c => c.PostAsJsonAsync($"/requests/{id}/route", new { reason = "x" })),
            (otherTeam, c => c.PostAsJsonAsync($"/requests/{id}/merge", new { intoId = Guid.NewGuid(), reason = "x" })),
            (otherResident, c => c.GetAsync($"/requests/{id}")),
            (otherResident, c => c.GetAsync($"/requests/{id}/history")),
            (otherResident, c => Act(c, id, "reopen", "x")),
            (otherResident, c => c.PostAsJsonAsync($"/requests/{id}/follow-ups", new { satisfied = false })),
            (otherResident, c => c.PostAsJsonAsync($"/requests/{id}/notes", new { note = "x" })),
        };
        foreach (var (client, call) in calls)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await call(client)).StatusCode);
        }

        // The reporter cannot do the team's work; the team does not see an anonymous reporter; staff do.
        Assert.Equal(HttpStatusCode.Forbidden, (await Act(_scenario.As(resident, Roles.Resident), id, "accept")).StatusCode);
        Assert.Null((await _scenario.As(secretary, Roles.GridWorker).GetFromJsonAsync<RequestDto>($"/requests/{id}"))!.ReporterId);
        Assert.Equal(resident, (await _scenario.Staff.GetFromJsonAsync<RequestDto>($"/requests/{id}"))!.ReporterId);
        Assert.Equal(HttpStatusCode.Forbidden, (await Act(_scenario.As(secretary, Roles.GridWorker), id, "close-unresolved", "无法处理")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _scenario.Staff.GetAsync($"/requests/{Guid.NewGuid()}")).StatusCode);

        // Lists: each sees only their own.
        var neighbourList = await otherResident.GetFromJsonAsync<Community.ServiceDefaults.Http.Page<RequestDto>>("/requests");
        Assert.DoesNotContain(neighbourList!.Items, r => r.Id == id);
        var strangerList = await otherTeam.GetFromJsonAsync<Community.ServiceDefaults.Http.Page<RequestDto>>("/requests");
        Assert.DoesNotContain(strangerList!.Items, r => r.Id == id);
        var similar = await otherResident.GetFromJsonAsync<List<SimilarRequestDto>>($"/requests/similar?buildingId={building}&category=repair");
        Assert.Contains(similar!, s => s.Id == id && s.Description is null);
    }

    [Fact]
    public async Task Unrouted_and_returned_requests_go_to_staff_a_duplicate_merges_into_its_original_and_overdue_ones_escalate_once_per_level()
    {
        var unroutedBuilding = await _scenario.BuildingAsync();
        var (_, building, secretary) = await _scenario.GridAsync();
        var (_, resident) = await _scenario.HouseholdAsync(building);
        var (_, second) = await _scenario.HouseholdAsync(building, "13900003333");
        var team = _scenario.As(secretary, Roles.GridWorker);

        var unrouted = await ReportAsync(_scenario.Staff, unroutedBuilding, "environment-garbage");
        Assert.Null(unrouted.GridId);
        Assert.Equal(HttpStatusCode.Forbidden, (await team.GetAsync($"/requests/{unrouted.Id}")).StatusCode);

        // Returned with a reason, then re-routed by staff.
        var returned = await ReportAsync(_scenario.Staff, building, "stray-animals");
        Assert.Equal(HttpStatusCode.OK, (await Act(team, returned.Id, "return", "不在本网格职责内")).StatusCode);
        var rerouted = await _scenario.Staff.PostAsJsonAsync($"/requests/{returned.Id}/route", new { gridId = (Guid?)null, reason = "由居委会处理" });
        Assert.Equal(HttpStatusCode.OK, rerouted.StatusCode);
        Assert.Equal(("reported", (Guid?)null), (await rerouted.Content.ReadFromJsonAsync<RequestDto>()) is { } r ? (r.Status, r.GridId) : default);
        var rerouteHistory = await _scenario.Staff.GetFromJsonAsync<List<RequestChangeDto>>($"/requests/{returned.Id}/history");
        Assert.Equal(["reported", "returned", "reported"], rerouteHistory!.Where(h => h.What == "status").Select(h => h.To));

        // A duplicate merged into the original: its reporter follows the original.
        var original = await ReportAsync(_scenario.As(resident, Roles.Resident), building, "equipment-need", priority: "urgent");
        var duplicate = await ReportAsync(_scenario.As(second, Roles.Resident), building, "equipment-need");
        Assert.Equal(HttpStatusCode.Forbidden, (await team.PostAsJsonAsync($"/requests/{duplicate.Id}/merge", new { intoId = original.Id, reason = "同一件事" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.PostAsJsonAsync($"/requests/{duplicate.Id}/merge", new { intoId = original.Id, reason = "同一件事" })).StatusCode);
        var followed = await _scenario.As(second, Roles.Resident).GetFromJsonAsync<RequestDto>($"/requests/{original.Id}");
        Assert.Equal(("", (Guid?)null), (followed!.Description, followed.ReporterId));

        // The merge is a status change like any other: in the duplicate's history, and announced.
        var mergeHistory = await _scenario.Staff.GetFromJsonAsync<List<RequestChangeDto>>($"/requests/{duplicate.Id}/history");
        Assert.Equal(["reported", "merged"], mergeHistory!.Where(h => h.What == "status").Select(h => h.To));
        var merged = (await fixture.Host.WithScope(async s => await s.GetRequiredService<GridDbContext>().OutboxMessages
            .Where(m => m.MessageType.StartsWith("Community.Contracts.RequestMerged,")).Select(m => m.Payload).ToListAsync())).Where(p => p.Contains(duplicate.Id.ToString()));
        Assert.Contains(original.Id.ToString(), Assert.Single(merged));

        // The urgent original is due in 24 h from intake; past that it escalates to staff, once, then to admin.
        var watch = fixture.Host.Services.GetServices<IHostedService>().OfType<EscalationWatch>().Single();
        fixture.Clock.Advance(TimeSpan.FromHours(25));
        await watch.EscalateDueAsync(CancellationToken.None);
        await watch.EscalateDueAsync(CancellationToken.None);
        Assert.Equal(1, (await _scenario.Staff.GetFromJsonAsync<RequestDto>($"/requests/{original.Id}"))!.EscalationLevel);
        fixture.Clock.Advance(TimeSpan.FromHours(25));
        await watch.EscalateDueAsync(CancellationToken.None);
        fixture.Clock.Advance(TimeSpan.FromHours(100));
        await watch.EscalateDueAsync(CancellationToken.None);
        var escalated = await _scenario.Staff.GetFromJsonAsync<RequestDto>($"/requests/{original.Id}");
        Assert.Equal(2, escalated!.EscalationLevel);
        var events = (await fixture.Host.WithScope(async s => await s.GetRequiredService<GridDbContext>().OutboxMessages
            .Where(m => m.MessageType.StartsWith("Community.Contracts.RequestEscalated,")).Select(m => m.Payload).ToListAsync())).Count(p => p.Contains(original.Id.ToString()));
        Assert.Equal(2, events);
        var history = await _scenario.Staff.GetFromJsonAsync<List<RequestChangeDto>>($"/requests/{original.Id}/history");
        Assert.Equal(["residents' committee staff", "admin"], history!.Where(h => h.What == "escalation").Select(h => h.To));

        // A merged duplicate never escalates.
        Assert.Equal(0, (await _scenario.Staff.GetFromJsonAsync<RequestDto>($"/requests/{duplicate.Id}"))!.EscalationLevel);
    }

    [Fact]
    public async Task A_neighbour_dispute_has_parties_a_mediator_sessions_an_agreement_and_follow_ups_two_and_eight_weeks_later()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var (upstairs, upstairsResident) = await _scenario.HouseholdAsync(building);
        var (downstairs, _) = await _scenario.HouseholdAsync(building, "13900006666");
        var team = _scenario.As(secretary, Roles.GridWorker);
        var dispute = await ReportAsync(_scenario.As(upstairsResident, Roles.Resident), building, "neighbour-dispute");
        var repair = await ReportAsync(_scenario.Staff, building);

        Assert.Equal(HttpStatusCode.Conflict, (await team.PostAsJsonAsync($"/requests/{repair.Id}/dispute", new { partyHouseholdIds = new[] { upstairs, downstairs }, mediator = "书记" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await team.PostAsJsonAsync($"/requests/{dispute.Id}/dispute", new { partyHouseholdIds = new[] { upstairs }, mediator = "书记" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await team.PostAsJsonAsync($"/requests/{dispute.Id}/dispute", new { partyHouseholdIds = new[] { upstairs, downstairs }, mediator = "支部书记老王" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(upstairsResident, Roles.Resident).GetAsync($"/requests/{dispute.Id}/dispute")).StatusCode);

        var session = await team.PostAsJsonAsync($"/requests/{dispute.Id}/dispute/sessions", new
        {
            heldAt = fixture.Clock.GetUtcNow().AddHours(-1), attendingHouseholdIds = new[] { upstairs, downstairs }, summary = "双方同意晚十点后不拖动家具",
        });
        Assert.Equal(HttpStatusCode.Created, session.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await team.PostAsJsonAsync($"/requests/{dispute.Id}/dispute/sessions", new
        {
            heldAt = fixture.Clock.GetUtcNow().AddHours(-1), attendingHouseholdIds = new[] { Guid.NewGuid() }, summary = "x",
        })).StatusCode);
        // Two members record the agreement at once (a double tap, two phones): one records it, with two follow-ups.
        var submitted = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            team.PostAsJsonAsync($"/requests/{dispute.Id}/dispute/agreement", new { text = "楼上晚十点后保持安静，楼下不再投诉物业。" })));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict], submitted.Select(r => r.StatusCode).Order());
        var record = await submitted.Single(r => r.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<DisputeDto>();
        Assert.Equal([14.0, 56.0], record!.FollowUps.Select(f => Math.Round((f.DueAt - record.AgreedAt!.Value).TotalDays)));
        Assert.Equal(2, (await team.GetFromJsonAsync<DisputeDto>($"/requests/{dispute.Id}/dispute"))!.FollowUps.Count);
        Assert.Single(record.Sessions);

        // Resolved with the agreement; the follow-up two weeks later is due and, once recorded, done.
        Assert.Equal(HttpStatusCode.OK, (await Act(team, dispute.Id, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Act(team, dispute.Id, "resolve", resolution: "达成调解协议")).StatusCode);
        fixture.Clock.Advance(TimeSpan.FromDays(15));
        var due = await team.GetFromJsonAsync<List<ScheduledFollowUpDto>>("/follow-ups/due");
        Assert.Contains(due!, f => f.RequestId == dispute.Id);
        Assert.Equal(HttpStatusCode.OK, (await team.PostAsJsonAsync($"/requests/{dispute.Id}/follow-ups",
            new { satisfied = true, comment = "两家相安无事", source = "visit", respondent = "楼下王先生" })).StatusCode);
        var after = await team.GetFromJsonAsync<DisputeDto>($"/requests/{dispute.Id}/dispute");
        Assert.Equal(1, after!.FollowUps.Count(f => f.DoneAt is not null));
        Assert.DoesNotContain((await team.GetFromJsonAsync<List<ScheduledFollowUpDto>>("/follow-ups/due"))!, f => f.RequestId == dispute.Id);
    }
}
