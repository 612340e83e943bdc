using System.Net;
using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Hours;
using Community.Services.Volunteers.Opportunities;
using Community.Services.Volunteers.Recognition;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Volunteers.Tests;

/// <summary>Self-logged time and its confirmation, completed shifts, totals, badges and the certificate.</summary>
public sealed class HoursLedgerTests(ServiceFixture<VolunteersDbContext> fixture) : IClassFixture<ServiceFixture<VolunteersDbContext>>
{
    private readonly VolunteersScenario _scenario = new(fixture.Host);

    [Fact]
    public async Task A_grid_worker_who_logged_time_for_a_volunteer_cannot_confirm_it_himself()
    {
        using var metrics = new MetricReader(fixture.Host.Services);
        var building = Guid.NewGuid();
        var volunteer = await _scenario.AdultAsync("周阿姨", homeBuildingId: building);
        var (_, _, gridWorker) = await _scenario.GridWorkerOfAsync(fixture.Host.Services.GetRequiredService<IBus>(), building);

        var logged = await (await gridWorker.PostAsJsonAsync($"/volunteers/{volunteer}/hours",
            new { servedAt = DateTimeOffset.UtcNow.AddHours(-2), minutes = 1440, activity = "整天陪护" })).Content.ReadFromJsonAsync<HoursEntryDto>();

        Assert.Equal(HttpStatusCode.Forbidden, (await gridWorker.PostAsJsonAsync($"/hours/{logged!.Id}/confirm", new { })).StatusCode);
        Assert.Equal(0, (await _scenario.Staff.GetFromJsonAsync<HoursTotalDto>($"/volunteers/{volunteer}/hours"))!.ConfirmedMinutes);
        Assert.Equal(0, metrics.Sum("community.volunteer.hours.credited", ("source", HourSources.SelfLog)));
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.PostAsJsonAsync($"/hours/{logged.Id}/confirm", new { reason = "核实" })).StatusCode);

        // Credited once confirmed: the dashboard's hours rise by the day's 24 h, counted by source and never by person.
        Assert.Equal(24, metrics.Sum("community.volunteer.hours.credited", ("service", "volunteers"), ("source", HourSources.SelfLog)));
        Assert.Subset(new HashSet<string> { "service", "source" }, metrics.AttributeNames("community.volunteer.").ToHashSet());
    }

    [Fact]
    public async Task A_grid_worker_reviews_only_the_time_of_volunteers_living_in_the_grids_they_work()
    {
        var (ownBuilding, otherBuilding) = (Guid.NewGuid(), Guid.NewGuid());
        var neighbour = await _scenario.AdultAsync("本网格的志愿者", homeBuildingId: ownBuilding);
        var elsewhere = await _scenario.AdultAsync("别的网格的志愿者", homeBuildingId: otherBuilding);
        var (_, _, gridWorker) = await _scenario.GridWorkerOfAsync(fixture.Host.Services.GetRequiredService<IBus>(), ownBuilding);
        async Task<HoursEntryDto> LogAsync(Guid volunteer) => (await (await _scenario.As(volunteer).PostAsJsonAsync($"/volunteers/{volunteer}/hours",
            new { servedAt = DateTimeOffset.UtcNow.AddHours(-2), minutes = 1440, activity = "整天陪护" })).Content.ReadFromJsonAsync<HoursEntryDto>())!;
        var (ours, theirs) = (await LogAsync(neighbour), await LogAsync(elsewhere));

        // Before, any grid worker confirmed anyone's time and saw everyone's in the queue.
        var queue = await gridWorker.GetFromJsonAsync<Page<HoursEntryDto>>("/hours/pending?pageSize=100");
        Assert.Contains(queue!.Items, e => e.Id == ours.Id);
        Assert.DoesNotContain(queue.Items, e => e.Id == theirs.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await gridWorker.PostAsJsonAsync($"/hours/{theirs.Id}/confirm", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gridWorker.PostAsJsonAsync($"/hours/{theirs.Id}/reject", new { reason = "不认识" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gridWorker.PostAsJsonAsync($"/hours/{ours.Id}/confirm", new { })).StatusCode);
        Assert.Equal(0, (await _scenario.Staff.GetFromJsonAsync<HoursTotalDto>($"/volunteers/{elsewhere}/hours"))!.ConfirmedMinutes);
        Assert.Contains((await _scenario.Staff.GetFromJsonAsync<Page<HoursEntryDto>>("/hours/pending?pageSize=100"))!.Items, e => e.Id == theirs.Id);

        // Named totals follow the same line: the grid worker's own grid's volunteers, everyone's for staff.
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.PostAsJsonAsync($"/hours/{theirs.Id}/confirm", new { })).StatusCode);
        var totals = $"/hours/totals?by=volunteer&from={DateTime.UtcNow.AddDays(-2):yyyy-MM-dd}";
        var theirTotals = (await gridWorker.GetFromJsonAsync<HoursTotalsDto>(totals))!.Rows.Select(r => r.Key).ToList();
        var staffTotals = (await _scenario.Staff.GetFromJsonAsync<HoursTotalsDto>(totals))!.Rows.Select(r => r.Key).ToList();
        Assert.Contains(neighbour.ToString(), theirTotals);
        Assert.DoesNotContain(elsewhere.ToString(), theirTotals);
        Assert.Contains(elsewhere.ToString(), staffTotals);
    }

    [Fact]
    public async Task Nobody_credits_themselves_by_completing_a_shift_and_a_grid_worker_completes_only_their_grids()
    {
        var (ownBuilding, otherBuilding) = (Guid.NewGuid(), Guid.NewGuid());
        var (_, worker, gridWorker) = await _scenario.GridWorkerOfAsync(fixture.Host.Services.GetRequiredService<IBus>(), ownBuilding);
        var helper = await _scenario.AdultAsync("帮手", homeBuildingId: ownBuilding);
        var other = await _scenario.AdultAsync("别的网格的帮手", homeBuildingId: otherBuilding);
        var ours = await _scenario.ShiftAsync(DateTimeOffset.UtcNow.AddSeconds(3), max: 10, buildingId: ownBuilding);
        var theirs = await _scenario.ShiftAsync(DateTimeOffset.UtcNow.AddSeconds(3), max: 10, buildingId: otherBuilding);
        foreach (var (volunteer, shift) in new[] { (worker, ours), (helper, ours), (other, theirs) })
        {
            Assert.Equal(HttpStatusCode.Created, (await _scenario.As(volunteer).PostAsJsonAsync($"/shifts/{shift.Id}/signups", new { volunteerId = volunteer })).StatusCode);
        }

        // Who is on a shift, and whom to ask, are for its supervisor.
        Assert.Equal(HttpStatusCode.OK, (await gridWorker.GetAsync($"/shifts/{ours.Id}/roster")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gridWorker.GetAsync($"/shifts/{theirs.Id}/roster")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gridWorker.GetAsync($"/shifts/{ours.Id}/suggestions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gridWorker.GetAsync($"/shifts/{theirs.Id}/suggestions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.GetAsync($"/shifts/{theirs.Id}/roster")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(4));

        // Before, the grid worker's own name in the list was credited as confirmed "by its supervisor": themselves.
        Assert.Equal(HttpStatusCode.Forbidden, (await gridWorker.PostAsJsonAsync($"/shifts/{ours.Id}/complete",
            new { served = new[] { new { volunteerId = worker }, new { volunteerId = helper } } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gridWorker.PostAsJsonAsync($"/shifts/{theirs.Id}/complete",
            new { served = new[] { new { volunteerId = other } } })).StatusCode);
        Assert.Equal(0, (await _scenario.Staff.GetFromJsonAsync<HoursTotalDto>($"/volunteers/{worker}/hours"))!.ConfirmedMinutes);
        Assert.Equal(HttpStatusCode.OK, (await gridWorker.PostAsJsonAsync($"/shifts/{ours.Id}/complete",
            new { served = new[] { new { volunteerId = helper } } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.PostAsJsonAsync($"/shifts/{theirs.Id}/complete",
            new { served = new[] { new { volunteerId = other } } })).StatusCode);
    }

    [Fact]
    public async Task Self_logged_time_counts_only_once_a_supervisor_confirms_it_and_every_change_is_kept()
    {
        var volunteer = await _scenario.AdultAsync("李老师");
        var me = _scenario.As(volunteer);

        var bad = await me.PostAsJsonAsync($"/volunteers/{volunteer}/hours", new { servedAt = DateTimeOffset.UtcNow.AddDays(1), minutes = 0, activity = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var someoneElse = await _scenario.As(Guid.NewGuid()).PostAsJsonAsync($"/volunteers/{volunteer}/hours",
            new { servedAt = DateTimeOffset.UtcNow.AddHours(-3), minutes = 90, activity = "陪老人看病" });
        Assert.Equal(HttpStatusCode.Forbidden, someoneElse.StatusCode);

        var logged = await (await me.PostAsJsonAsync($"/volunteers/{volunteer}/hours",
            new { servedAt = DateTimeOffset.UtcNow.AddHours(-3), minutes = 90, activity = "陪老人看病" })).Content.ReadFromJsonAsync<HoursEntryDto>();
        Assert.Equal(HourStatuses.Pending, logged!.Status);
        var before = await me.GetFromJsonAsync<HoursTotalDto>($"/volunteers/{volunteer}/hours");
        Assert.Equal((0, 90), (before!.ConfirmedMinutes, before.PendingMinutes));

        // Nobody confirms their own time, even a volunteer who is also a grid worker.
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(volunteer, Roles.GridWorker).PostAsJsonAsync($"/hours/{logged.Id}/confirm", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await me.PostAsJsonAsync($"/hours/{logged.Id}/confirm", new { })).StatusCode);
        var confirmed = await _scenario.Staff.PostAsJsonAsync($"/hours/{logged.Id}/confirm", new { reason = "医院陪诊记录已核实" });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _scenario.Staff.PostAsJsonAsync($"/hours/{logged.Id}/reject", new { reason = "重复" })).StatusCode);

        var after = await me.GetFromJsonAsync<HoursTotalDto>($"/volunteers/{volunteer}/hours");
        Assert.Equal((90, 0), (after!.ConfirmedMinutes, after.PendingMinutes));
        var history = (await me.GetFromJsonAsync<List<HoursChangeDto>>($"/hours/{logged.Id}/history"))!;
        Assert.Equal([(null, "pending"), ("pending", "confirmed")], history.Select(h => (h.FromStatus, h.ToStatus)).ToList());
        Assert.Equal("医院陪诊记录已核实", history[1].Reason);
        Assert.False(string.IsNullOrWhiteSpace(history[1].By));
        Assert.DoesNotContain(volunteer.ToString(), history[1].By);

        // A rejection needs a reason and leaves the total alone.
        var second = await (await me.PostAsJsonAsync($"/volunteers/{volunteer}/hours",
            new { servedAt = DateTimeOffset.UtcNow.AddHours(-1), minutes = 600, activity = "整理资料" })).Content.ReadFromJsonAsync<HoursEntryDto>();
        Assert.Equal(HttpStatusCode.BadRequest, (await _scenario.Staff.PostAsJsonAsync($"/hours/{second!.Id}/reject", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.PostAsJsonAsync($"/hours/{second.Id}/reject", new { reason = "无人能证明" })).StatusCode);
        Assert.Equal(90, (await me.GetFromJsonAsync<HoursTotalDto>($"/volunteers/{volunteer}/hours"))!.ConfirmedMinutes);
        Assert.Equal(HttpStatusCode.NotFound, (await _scenario.Staff.PostAsJsonAsync($"/hours/{Guid.NewGuid()}/confirm", new { })).StatusCode);
    }

    [Fact]
    public async Task A_completed_shift_credits_each_child_once_and_the_certificate_and_totals_show_it()
    {
        var leader = await _scenario.AdultAsync("河长", kind: "party-member", supervisor: true);
        var child = await _scenario.ChildAsync(leader, "小红");
        var team = await (await _scenario.Staff.PostAsJsonAsync("/teams", new { name = $"小纵队 {Guid.NewGuid():N}", leaderIds = new[] { leader } }))
            .Content.ReadFromJsonAsync<Teams.TeamDto>();
        Assert.Equal(HttpStatusCode.Created, (await _scenario.Staff.PostAsJsonAsync($"/teams/{team!.Id}/members", new { volunteerId = child })).StatusCode);

        // A shift starting in a moment, so it can be completed in this test.
        var shift = await _scenario.ShiftAsync(DateTimeOffset.UtcNow.AddSeconds(3), max: 10, hours: 10);
        Assert.Equal(HttpStatusCode.Created, (await _scenario.As(leader).PostAsJsonAsync($"/shifts/{shift.Id}/team-signups", new { teamId = team.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _scenario.Staff.PostAsJsonAsync($"/shifts/{shift.Id}/complete", new { })).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(4));

        var notOnShift = await _scenario.Staff.PostAsJsonAsync($"/shifts/{shift.Id}/complete", new { served = new[] { new { volunteerId = Guid.NewGuid(), minutes = 60 } } });
        Assert.Equal(HttpStatusCode.BadRequest, notOnShift.StatusCode);
        var nobodyNamed = await _scenario.Staff.PostAsJsonAsync($"/shifts/{shift.Id}/complete", new { });
        Assert.Equal(HttpStatusCode.BadRequest, nobodyNamed.StatusCode);
        Assert.Contains("served", (await nobodyNamed.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>())!.Errors.Keys);
        var completed = await _scenario.Staff.PostAsJsonAsync($"/shifts/{shift.Id}/complete", new { served = new[] { new { volunteerId = leader }, new { volunteerId = child } } });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal((2, 1200), await completed.Content.ReadFromJsonAsync<ShiftCompletedDto>() is { } c ? (c.Credited, c.TotalMinutes) : default);
        Assert.Equal(HttpStatusCode.Conflict, (await _scenario.Staff.PostAsJsonAsync($"/shifts/{shift.Id}/complete", new { })).StatusCode);

        var guardian = _scenario.As(leader);
        Assert.Equal(600, (await guardian.GetFromJsonAsync<HoursTotalDto>($"/volunteers/{child}/hours"))!.ConfirmedMinutes);
        var recognition = await guardian.GetFromJsonAsync<RecognitionDto>($"/volunteers/{child}/recognition");
        Assert.Equal([10], recognition!.Badges.Select(b => b.Hours));
        Assert.Equal(50, recognition.NextBadgeHours);

        var certificate = await guardian.GetAsync($"/volunteers/{child}/certificate");
        Assert.Equal("text/html", certificate.Content.Headers.ContentType!.MediaType);
        var html = await certificate.Content.ReadAsStringAsync();
        Assert.Contains("小红", html);
        Assert.Contains("阳城贵都", html);
        Assert.Contains("data-total-minutes=\"600\"", html);
        Assert.Contains("河道清洁", html);
        var badPeriod = await guardian.GetAsync($"/volunteers/{child}/certificate?from=2026-12-01&to=2026-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);

        var byTeam = await _scenario.Staff.GetFromJsonAsync<HoursTotalsDto>("/hours/totals?by=team");
        Assert.Equal((1200, 2), byTeam!.Rows.Single(r => r.Key == team.Id.ToString()) is var row ? (row.Minutes, row.Volunteers) : default);
        var byKind = await _scenario.Staff.GetFromJsonAsync<HoursTotalsDto>("/hours/totals?by=kind");
        Assert.True(byKind!.Rows.Single(r => r.Key == "young-pioneer").Minutes >= 600);
        var byMonth = await _scenario.Staff.GetFromJsonAsync<HoursTotalsDto>("/hours/totals?by=month");
        Assert.Equal(byMonth!.TotalMinutes, byMonth.Rows.Sum(r => r.Minutes));
        Assert.Equal(HttpStatusCode.BadRequest, (await _scenario.Staff.GetAsync("/hours/totals?by=colour")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await guardian.GetAsync("/hours/totals?by=team")).StatusCode);

        var ledger = await fixture.Host.WithScope(async s => await s.GetRequiredService<VolunteersDbContext>().HoursChanges
            .Where(h => h.Reason == "shift completed by its supervisor").Join(s.GetRequiredService<VolunteersDbContext>().ServiceHours.Where(x => x.SourceId == shift.Id),
                h => h.HoursId, x => x.Id, (h, _) => h).CountAsync());
        Assert.Equal(2, ledger);
    }

    [Fact]
    public async Task An_erased_volunteers_self_logged_time_keeps_its_minutes_but_not_her_words()
    {
        var volunteer = await _scenario.AdultAsync("韩阿姨");
        var words = "陪5号楼302的王奶奶看病";
        var logged = (await (await _scenario.As(volunteer).PostAsJsonAsync($"/volunteers/{volunteer}/hours",
            new { servedAt = DateTimeOffset.UtcNow.AddHours(-3), minutes = 90, activity = words })).Content.ReadFromJsonAsync<HoursEntryDto>())!;
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.PostAsJsonAsync($"/hours/{logged.Id}/confirm", new { })).StatusCode);

        // Before, the registry forgot her name but kept her own words, which name the neighbour she helped and her home.
        await fixture.Host.Services.GetRequiredService<IBus>().Publish(new Contracts.PersonErasureRequested(Guid.NewGuid(), _scenario.AccountOf(volunteer), DateTimeOffset.UtcNow));
        var entry = await Eventually.Get(() => fixture.Host.WithScope(s => s.GetRequiredService<VolunteersDbContext>().ServiceHours.AsNoTracking()
            .Where(h => h.Id == logged.Id && h.Activity != words).FirstOrDefaultAsync()), TimeSpan.FromSeconds(30), "her words erased");
        Assert.Equal((ServiceDefaults.Privacy.Erased.Text, 90, HourStatuses.Confirmed), (entry!.Activity, entry.Minutes, entry.Status));
    }
}
