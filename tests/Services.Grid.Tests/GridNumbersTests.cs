using System.Net;
using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Community.Services.Grid.Requests;
using Community.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Grid.Tests;

/// <summary>The grid's numbers on the dashboard, read as an exporter reads them, from the service's own meter; the clock is the test's.</summary>
public sealed class GridNumbersTests(ClockedServiceFixture<GridDbContext> fixture) : IClassFixture<ClockedServiceFixture<GridDbContext>>
{
    [Fact]
    public async Task Requests_opened_resolved_escalated_and_overdue_now_are_measured_by_category_without_anyone_s_id()
    {
        using var metrics = new MetricReader(fixture.Host.Services);
        var scenario = new GridScenario(fixture.Host);
        var (_, building, secretary) = await scenario.GridAsync();
        var (household, resident) = await scenario.HouseholdAsync(building);
        var reporter = scenario.As(resident, Roles.Resident);
        var team = scenario.As(secretary, Roles.GridWorker);
        var requests = new List<RequestDto>();
        foreach (var category in new[] { "repair", "repair", "environment-garbage" })
        {
            var response = await reporter.PostAsJsonAsync("/requests", new { category, priority = "normal", channel = "building-chat", buildingId = building, description = "楼道灯坏了" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            requests.Add((await response.Content.ReadFromJsonAsync<RequestDto>())!);
        }

        var resolved = requests[0].Id;
        Assert.Equal(HttpStatusCode.OK, (await team.PostAsJsonAsync($"/requests/{resolved}/transitions", new { action = "accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await team.PostAsJsonAsync($"/requests/{resolved}/assign", new { assigneeId = secretary })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await team.PostAsJsonAsync($"/requests/{resolved}/transitions", new { action = "start" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await team.PostAsJsonAsync($"/requests/{resolved}/transitions", new { action = "resolve", resolution = "换了灯泡" })).StatusCode);

        Assert.Equal(2, metrics.Sum("community.requests.opened", ("category", "repair")));
        Assert.Equal(1, metrics.Sum("community.requests.opened", ("category", "environment-garbage")));
        Assert.Equal(1, metrics.Sum("community.requests.resolved", ("category", "repair")));

        // A visit to the household counts once; a refused one (in the future) does not.
        Assert.Equal(HttpStatusCode.BadRequest, (await team.PostAsJsonAsync("/visits",
            new { householdId = household, visitedAt = fixture.Clock.GetUtcNow().AddDays(1), visitorIds = new[] { secretary } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await team.PostAsJsonAsync("/visits",
            new { householdId = household, visitedAt = fixture.Clock.GetUtcNow().AddHours(-1), visitorIds = new[] { secretary } })).StatusCode);
        Assert.Equal(1, metrics.Sum("community.household.visits", ("service", "grid")));

        // Three days and more later the two still open are overdue; the watch escalates each one level.
        var overdue = fixture.Host.Services.GetRequiredService<OverdueRequests>();
        fixture.Clock.Advance(TimeSpan.FromHours(73));
        await fixture.Host.WithScope(services => overdue.ReadAsync(services.GetRequiredService<GridDbContext>(), fixture.Clock.GetUtcNow(), CancellationToken.None));
        Assert.Equal(1, metrics.Observe("community.requests.overdue", ("category", "repair")));
        Assert.Equal(1, metrics.Observe("community.requests.overdue", ("category", "environment-garbage")));
        await Eventually.True(() => Task.FromResult(metrics.Sum("community.requests.escalations", ("level", "1")) == 2),
            TimeSpan.FromSeconds(20), "both overdue requests to be escalated once");

        // No measurement carries anything but the service and a bounded category or level: no person's or request's id.
        Assert.Subset(new HashSet<string> { "service", "category", "level" }, metrics.AttributeNames("community.requests.").ToHashSet());
        Assert.Subset(new HashSet<string> { "service" }, metrics.AttributeNames("community.household.").ToHashSet());
    }
}
