using Community.Testing;
using System.Net;
using System.Net.Http.Json;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Community.Services.Grid.Requests;
using Community.Services.Grid.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Grid.Tests;

/// <summary>Household visits, needs found that open requests, and the coverage view.</summary>
public sealed class VisitsTests(ServiceFixture<GridDbContext> fixture) : IClassFixture<ServiceFixture<GridDbContext>>
{
    private readonly GridScenario _scenario = new(fixture.Host);

    [Fact]
    public async Task A_visit_counts_toward_coverage_opens_requests_for_needs_found_and_overdue_households_are_listed_vulnerable_first()
    {
        var (grid, building, secretary) = await _scenario.GridAsync();
        var (_, _, stranger) = await _scenario.GridAsync();
        var team = _scenario.As(secretary, Roles.GridWorker);
        var (visited, _) = await _scenario.HouseholdAsync(building);
        var (alone, aloneResident) = await _scenario.HouseholdAsync(building, "13900004444");
        var (plain, _) = await _scenario.HouseholdAsync(building, "13900005555");
        Assert.Equal(HttpStatusCode.OK, (await team.PostAsJsonAsync($"/residents/{aloneResident}/tags", new { tag = "living-alone", consent = "签字同意书" })).StatusCode);

        // Bad input, another grid's worker, and a visitor outside the team are refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await team.PostAsJsonAsync("/visits", new { householdId = visited, visitedAt = DateTimeOffset.UtcNow.AddDays(1), visitorIds = new[] { secretary } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(stranger, Roles.GridWorker).PostAsJsonAsync("/visits", new { householdId = visited, visitedAt = DateTimeOffset.UtcNow, visitorIds = new[] { stranger } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await team.PostAsJsonAsync("/visits", new { householdId = visited, visitedAt = DateTimeOffset.UtcNow, visitorIds = new[] { stranger } })).StatusCode);

        // An hour ago, but never before this month began in Shanghai: in the first hour of a month, an hour ago is last month.
        var now = DateTimeOffset.UtcNow;
        var today = Neighbourhood.Today(now);
        var visitedAt = new[] { now.AddHours(-1), Neighbourhood.StartOf(new DateOnly(today.Year, today.Month, 1)) }.Max();
        var logged = await team.PostAsJsonAsync("/visits", new
        {
            householdId = visited, visitedAt, visitorIds = new[] { secretary }, note = "老人身体还好",
            needs = new[] { new { category = "elderly-care", description = "需要陪同去医院复查", priority = "urgent" } },
        });
        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        var visit = await logged.Content.ReadFromJsonAsync<VisitDto>();
        var opened = await _scenario.Staff.GetFromJsonAsync<RequestDto>($"/requests/{visit!.RequestIds.Single()}");
        Assert.Equal(("visit", grid, "urgent"), (opened!.Channel, opened.GridId!.Value, opened.Priority));
        // The household's visit history leads to the same request.
        var history = await team.GetFromJsonAsync<List<VisitDto>>($"/households/{visited}/visits");
        Assert.Equal(visit.RequestIds, Assert.Single(history!).RequestIds);

        // The lone resident's household was last "seen" at creation; move it 40 days back so it is overdue on the 30-day cycle.
        await fixture.Host.WithScope(async s =>
        {
            var db = s.GetRequiredService<GridDbContext>();
            await db.Households.Where(h => h.Id == alone || h.Id == plain).ExecuteUpdateAsync(u => u.SetProperty(h => h.CreatedAt, DateTimeOffset.UtcNow.AddDays(-40)));
            return true;
        });

        var coverage = await team.GetFromJsonAsync<CoverageDto>($"/grids/{grid}/coverage");
        Assert.Equal((3, 1, 1, 0), (coverage!.Households, coverage.Covered, coverage.VulnerableHouseholds, coverage.VulnerableCovered));
        Assert.Equal(alone, coverage.Overdue[0].HouseholdId);
        Assert.Equal((true, 30, 10), (coverage.Overdue[0].Vulnerable, coverage.Overdue[0].CycleDays, coverage.Overdue[0].DaysOverdue));
        Assert.Equal(plain, coverage.Overdue[1].HouseholdId);
        Assert.Equal([(secretary, 1)], coverage.VisitsThisMonth.Select(v => (v.VolunteerId, v.Visits)));
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(stranger, Roles.GridWorker).GetAsync($"/grids/{grid}/coverage")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await team.GetAsync("/coverage")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(stranger, Roles.GridWorker).GetAsync($"/households/{visited}/visits")).StatusCode);

        // Staff set the cycles: the lone resident's household, never visited, is now 40 - 35 = 5 days overdue.
        Assert.Equal(HttpStatusCode.BadRequest, (await _scenario.Staff.PutAsJsonAsync($"/grids/{grid}/visit-cycles", new { visitCycleDays = 0, vulnerableVisitCycleDays = 30 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await team.PutAsJsonAsync($"/grids/{grid}/visit-cycles", new { visitCycleDays = 60, vulnerableVisitCycleDays = 35 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.PutAsJsonAsync($"/grids/{grid}/visit-cycles", new { visitCycleDays = 60, vulnerableVisitCycleDays = 35 })).StatusCode);
        var reset = await team.GetFromJsonAsync<CoverageDto>($"/grids/{grid}/coverage");
        Assert.Equal((alone, 35, 5), (reset!.Overdue[0].HouseholdId, reset.Overdue[0].CycleDays, reset.Overdue[0].DaysOverdue));

        var whole = await _scenario.Staff.GetFromJsonAsync<CoverageDto>("/coverage");
        Assert.Contains(whole!.Grids, g => g.GridId == grid && g.Households == 3 && g.Covered == 1);
        Assert.True(whole.Households >= 3);
    }

    [Fact]
    public async Task The_report_counts_resolved_within_sla_closed_unresolved_satisfaction_and_visits_as_json_and_csv()
    {
        var (grid, building, secretary) = await _scenario.GridAsync();
        var (_, _, stranger) = await _scenario.GridAsync();
        var (household, resident) = await _scenario.HouseholdAsync(building);
        var team = _scenario.As(secretary, Roles.GridWorker);
        async Task<Guid> ReportAsync(string category) => (await (await _scenario.As(resident, Roles.Resident).PostAsJsonAsync("/requests",
            new { category, channel = "wechat-group", buildingId = building, description = "测试" })).Content.ReadFromJsonAsync<RequestDto>())!.Id;

        var fixedOne = await ReportAsync("repair");
        var hopeless = await ReportAsync("suggestion");
        await ReportAsync("environment-garbage");
        foreach (var action in new[] { "accept", "resolve", "close" })
        {
            Assert.Equal(HttpStatusCode.OK, (await team.PostAsJsonAsync($"/requests/{fixedOne}/transitions", new { action, resolution = "修好了" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await _scenario.As(resident, Roles.Resident).PostAsJsonAsync($"/requests/{fixedOne}/follow-ups", new { satisfied = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.PostAsJsonAsync($"/requests/{hopeless}/transitions", new { action = "close-unresolved", reason = "超出社区权限" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await team.PostAsJsonAsync("/visits", new { householdId = household, visitedAt = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)), visitorIds = new[] { secretary } })).StatusCode);

        var report = await team.GetFromJsonAsync<Community.Services.Grid.Reports.ReportDto>($"/reports?gridId={grid}");
        Assert.Equal(3, report!.Requests.Total);
        Assert.Equal((0.3333, 0.3333, 1.0), (report.Requests.ResolvedWithinSlaShare, report.Requests.ClosedUnresolvedShare, report.Requests.SatisfactionRate!.Value));
        Assert.Contains(report.Requests.ByCategoryAndStatus, c => c is { Category: "repair", Status: "closed", Count: 1 });
        Assert.NotNull(report.Requests.MedianHoursToResolve);
        Assert.Equal((1, 1, 1), (report.Visits.VisitsInPeriod, report.Visits.Households, report.Visits.Covered));

        var csv = await team.GetAsync($"/reports?gridId={grid}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("requests,repair,closed,1", text);
        Assert.Contains("closed_unresolved_share,,,0.3333", text);

        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(stranger, Roles.GridWorker).GetAsync($"/reports?gridId={grid}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await team.GetAsync("/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _scenario.Staff.GetAsync("/reports?from=2026-12-01&to=2026-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.GetAsync("/reports?format=csv")).StatusCode);
    }
}
