using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Community.Gateway.Tests;

/// <summary>The front door's limits, with small buckets: one caller's flood is refused before any service sees it.</summary>
public sealed class FrontDoorLimitsTests : IAsyncLifetime
{
    private const string SigningKey = ServiceHost<object>.SigningKey;
    private WebApplicationFactory<Program> _gateway = null!;

    public Task InitializeAsync()
    {
        var nowhere = $"http://127.0.0.1:{FreePorts.Next()}";
        _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.TrustDevTokensOnly(SigningKey);
            web.UseSetting("RateLimits:PerAccount:PerSecond", "1");
            web.UseSetting("RateLimits:PerAccount:Burst", "3");
            web.UseSetting("RateLimits:PerAddress:PerSecond", "1");
            web.UseSetting("RateLimits:PerAddress:Burst", "2");
            web.UseSetting("RateLimits:MaxBodyBytes", "1000");
            foreach (var cluster in new[] { "activities", "grid", "volunteers", "identity", "notices", "partners" })
            {
                web.UseSetting($"ReverseProxy:Clusters:{cluster}:Destinations:primary:Address", nowhere);
            }
        });
        return Task.CompletedTask;
    }

    private HttpClient As(string subject)
    {
        var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Mint(SigningKey, [Roles.Resident], subject: subject));
        return client;
    }

    [Fact]
    public async Task An_account_past_its_burst_gets_429_with_Retry_After_and_another_account_is_not_held_up()
    {
        var flooding = As(Guid.NewGuid().ToString());
        // Six at once against a burst of three: three pass, plus at most one a second for however long this machine took.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => flooding.GetAsync("/api/grid/buildings")));
        var refilled = (int)Math.Ceiling(clock.Elapsed.TotalSeconds);
        Assert.InRange(responses.Count(r => r.StatusCode != HttpStatusCode.TooManyRequests), 3, 3 + refilled);

        var refused = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ProblemTypes.TooManyRequests, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await As(Guid.NewGuid().ToString()).GetAsync("/api/grid/buildings")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_limited_by_address()
    {
        var anonymous = _gateway.CreateClient();
        // Five at once against a burst of two: two reach the gateway's sign-in check, plus at most one a second of waiting.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var statuses = (await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => anonymous.GetAsync("/api/grid/buildings")))).Select(r => r.StatusCode).ToList();
        var refilled = (int)Math.Ceiling(clock.Elapsed.TotalSeconds);

        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.Unauthorized), 2, 2 + refilled);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_before_any_service()
    {
        var response = await As(Guid.NewGuid().ToString()).PostAsync("/api/grid/requests", new StringContent(new string('x', 2000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(ProblemTypes.TooLarge, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();
}
