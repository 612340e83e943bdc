using Community.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.Venues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Activities.Tests;

public sealed class VenuesTests(ServiceFixture<ActivitiesDbContext> fixture) : IClassFixture<ServiceFixture<ActivitiesDbContext>>
{
    private static string UniqueName(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..30];

    [Fact]
    public async Task Migrations_apply_to_an_empty_database()
    {
        var (applied, all) = await fixture.Host.WithScope(async services =>
        {
            var db = services.GetRequiredService<ActivitiesDbContext>();
            return ((await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList());
        });

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
    }

    [Fact]
    public async Task Staff_create_a_venue_and_anyone_signed_in_can_find_it()
    {
        var name = UniqueName("党群服务站 多功能厅");
        var created = await fixture.Host.ClientAs(Roles.StationStaff).PostAsJsonAsync("/venues", new
        {
            name, capacity = 40, location = "服务站二楼", latitude = 31.2731, longitude = 121.4489, stepFree = true, hearingLoop = true,
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var venue = await created.Content.ReadFromJsonAsync<VenueDto>();
        var asResident = await fixture.Host.ClientAs(Roles.Resident).GetFromJsonAsync<VenueDto>($"/venues/{venue!.Id}");
        Assert.Equal(name, asResident!.Name);
        Assert.Equal(40, asResident.Capacity);
        Assert.True(asResident.StepFree);
        Assert.True(asResident.HearingLoop);
    }

    [Fact]
    public async Task Bad_venue_input_gets_400_with_field_errors()
    {
        var response = await fixture.Host.ClientAs(Roles.StationStaff).PostAsJsonAsync("/venues", new
        {
            name = new string('长', 101), capacity = -5, latitude = 91.0,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "name", "capacity", "latitude", "longitude" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
    }

    [Fact]
    public async Task Two_venues_cannot_share_a_name_even_when_created_at_once()
    {
        var staff = fixture.Host.ClientAs(Roles.StationStaff);
        var name = UniqueName("活动室");

        var responses = await Task.WhenAll(Enumerable.Range(0, 15)
            .Select(_ => staff.PostAsJsonAsync("/venues", new { name, capacity = 20 })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var count = await fixture.Host.WithScope(services => services.GetRequiredService<ActivitiesDbContext>().Venues.CountAsync(v => v.Name == name));
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Only_staff_and_admins_create_venues()
    {
        foreach (var role in new[] { Roles.Resident, Roles.Volunteer, Roles.GridWorker, Roles.Partner })
        {
            var response = await fixture.Host.ClientAs(role).PostAsJsonAsync("/venues", new { name = UniqueName(role), capacity = 10 });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created,
            (await fixture.Host.ClientAs(Roles.Admin).PostAsJsonAsync("/venues", new { name = UniqueName("admin"), capacity = 10 })).StatusCode);
    }

    [Fact]
    public async Task No_token_is_401_with_problem_details()
    {
        var response = await fixture.Host.ClientAs().GetAsync("/venues");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ProblemTypes.Unauthenticated, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var client = fixture.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer",
            DevTokens.Mint("some-other-key-that-is-also-long-enough-for-hmac", [Roles.Admin]));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/venues")).StatusCode);
    }

    [Fact]
    public async Task Venues_are_listed_by_name_page_by_page_and_step_free_on_request()
    {
        var staff = fixture.Host.ClientAs(Roles.StationStaff);
        var prefix = $"zz-{Guid.NewGuid():N}"[..10];
        await staff.PostAsJsonAsync("/venues", new { name = prefix + "-a", capacity = 10, stepFree = true });
        await staff.PostAsJsonAsync("/venues", new { name = prefix + "-b", capacity = 10, stepFree = false });

        var stepFree = await staff.GetFromJsonAsync<Page<VenueDto>>("/venues?stepFree=true&pageSize=100");
        var page = await staff.GetFromJsonAsync<Page<VenueDto>>("/venues?pageSize=1");
        var tooBig = await staff.GetAsync("/venues?pageSize=101");

        Assert.Contains(stepFree!.Items, v => v.Name == prefix + "-a");
        Assert.DoesNotContain(stepFree.Items, v => v.Name == prefix + "-b");
        Assert.Single(page!.Items);
        Assert.True(page.Total >= 2);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
    }

    [Fact]
    public async Task An_unknown_venue_is_a_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Host.ClientAs(Roles.Resident).GetAsync($"/venues/{Guid.NewGuid()}")).StatusCode);
    }
}
