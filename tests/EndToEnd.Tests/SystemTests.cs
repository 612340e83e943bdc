using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.Testing;

namespace Community.EndToEnd.Tests;

[Collection(SystemCollection.Name)]
public sealed class SystemTests(AppHostFixture fixture)
{
    private HttpClient GatewayAs(string? role)
    {
        var client = fixture.App.CreateHttpClient("gateway");
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Mint(AppHostFixture.SigningKey, [role]));
        }

        return client;
    }

    [Theory]
    [InlineData("/api/activities/venues")]
    [InlineData("/api/grid/compounds")]
    [InlineData("/api/grid/buildings")]
    [InlineData("/api/volunteers/volunteers")]
    public async Task Each_service_answers_through_the_gateway(string path)
    {
        var response = await GatewayAs(Roles.StationStaff).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_gateway_refuses_a_call_without_a_token()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await GatewayAs(null).GetAsync("/api/grid/compounds")).StatusCode);
    }

    [Fact]
    public async Task A_volunteer_registered_through_the_gateway_appears_in_grids_read_model()
    {
        var staff = GatewayAs(Roles.StationStaff);
        var phone = $"136{Random.Shared.Next(10_000_000, 99_999_999)}";

        var registered = await staff.PostAsJsonAsync("/api/volunteers/volunteers", new
        {
            displayName = "端到端志愿者",
            phone,
            kind = "youth-council-member",
            skills = new[] { "smartphone-tutoring" },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var known = await Eventually.Get(async () =>
        {
            var page = await staff.GetFromJsonAsync<JsonElement>("/api/grid/volunteers?pageSize=100");
            return page.GetProperty("items").EnumerateArray()
                .Select(v => (JsonElement?)v)
                .FirstOrDefault(v => v!.Value.GetProperty("volunteerId").GetGuid() == id);
        }, TimeSpan.FromSeconds(60), "Grid's read model to show the volunteer");

        Assert.Equal("端到端志愿者", known!.Value.GetProperty("displayName").GetString());
        Assert.False(known.Value.TryGetProperty("phone", out _));
    }

    [Fact]
    public async Task The_databases_and_the_broker_are_reported_healthy()
    {
        foreach (var resource in new[] { "postgres", "messaging", "activitiesdb", "griddb", "volunteersdb", "activities", "grid", "volunteers" })
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
    }
}
