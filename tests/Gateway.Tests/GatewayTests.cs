using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Community.Gateway.Tests;

/// <summary>
/// The gateway in front of a real HTTP server on loopback standing in for the grid service, and of
/// addresses where nothing listens.
/// </summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private const string SigningKey = ServiceHost<object>.SigningKey;
    private readonly int _backendPort = FreePorts.Next();
    private readonly int _deadPort = FreePorts.Next();
    private WebApplication _backend = null!;
    private WebApplicationFactory<Program> _gateway = null!;

    public async Task InitializeAsync()
    {
        var backend = WebApplication.CreateSlimBuilder();
        backend.WebHost.UseUrls($"http://127.0.0.1:{_backendPort}");
        _backend = backend.Build();
        _backend.MapGet("/slow", async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            return "late";
        });
        _backend.MapFallback("{**path}", (HttpContext context) => Results.Json(new
        {
            path = context.Request.Path.Value,
            query = context.Request.QueryString.Value,
            authorization = context.Request.Headers.Authorization.ToString(),
            traceparent = context.Request.Headers["traceparent"].ToString(),
            forwardedHost = context.Request.Headers["X-Forwarded-Host"].ToString(),
        }));
        await _backend.StartAsync();

        _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.TrustDevTokensOnly(SigningKey);
            web.UseSetting("ReverseProxy:Clusters:grid:Destinations:primary:Address", $"http://127.0.0.1:{_backendPort}");
            web.UseSetting("ReverseProxy:Clusters:grid:HttpRequest:ActivityTimeout", "00:00:01");
            web.UseSetting("ReverseProxy:Clusters:activities:Destinations:primary:Address", $"http://127.0.0.1:{_deadPort}");
            web.UseSetting("ReverseProxy:Clusters:volunteers:Destinations:primary:Address", $"http://127.0.0.1:{_deadPort}");
            web.UseSetting("ReverseProxy:Clusters:notices:Destinations:primary:Address", $"http://127.0.0.1:{_deadPort}");
            web.UseSetting("ReverseProxy:Clusters:partners:Destinations:primary:Address", $"http://127.0.0.1:{_deadPort}");
            web.UseSetting("ReverseProxy:Clusters:identity:Destinations:primary:Address", $"http://127.0.0.1:{_backendPort}");
        });
    }

    [Fact]
    public async Task A_call_is_forwarded_without_the_service_prefix_with_the_token_and_the_trace()
    {
        var client = ClientAs(Roles.Resident);
        var traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        client.DefaultRequestHeaders.Add("traceparent", traceParent);

        var echoed = await client.GetFromJsonAsync<JsonElement>("/api/grid/buildings?page=2");

        Assert.Equal("/buildings", echoed.GetProperty("path").GetString());
        Assert.Equal("?page=2", echoed.GetProperty("query").GetString());
        Assert.StartsWith("Bearer ", echoed.GetProperty("authorization").GetString());
        Assert.Contains("0af7651916cd43dd8448eb211c80319c", echoed.GetProperty("traceparent").GetString());
    }

    [Fact]
    public void The_test_host_trusts_minted_tokens_without_any_discovery_document_to_fetch()
    {
        var jwt = _gateway.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        Assert.Null(jwt.Authority);
        Assert.Null(jwt.ConfigurationManager);
        Assert.Equal([DevTokens.Issuer], jwt.TokenValidationParameters.ValidIssuers);
    }

    [Fact]
    public async Task Without_a_token_the_gateway_answers_401_itself()
    {
        var response = await _gateway.CreateClient().GetAsync("/api/grid/buildings");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ProblemTypes.Unauthenticated, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_service_that_is_down_is_a_502_problem_naming_it()
    {
        var response = await ClientAs(Roles.StationStaff).GetAsync("/api/activities/venues");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ProblemTypes.BadGateway, problem.GetProperty("type").GetString());
        Assert.Contains("activities", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_is_a_504_problem()
    {
        var response = await ClientAs(Roles.StationStaff).GetAsync("/api/grid/slow");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal(ProblemTypes.GatewayTimeout, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Paths_outside_the_services_and_the_provider_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await ClientAs(Roles.Admin).GetAsync("/api/elsewhere/x")).StatusCode);
    }

    [Fact]
    public async Task Health_and_service_OpenAPI_routes_need_no_token()
    {
        var client = _gateway.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var openApi = await client.GetFromJsonAsync<JsonElement>("/api/grid/openapi/v1.json");
        Assert.Equal("/openapi/v1.json", openApi.GetProperty("path").GetString());
        // Public calendar feeds pass the gateway without a token (here the activities service is down: 502, not 401).
        Assert.Equal(HttpStatusCode.BadGateway, (await client.GetAsync($"/api/activities/series/{Guid.NewGuid()}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/activities/series/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task The_identity_providers_sign_in_discovery_and_token_endpoints_pass_without_a_token_naming_the_original_host()
    {
        var anonymous = _gateway.CreateClient();

        foreach (var path in new[] { "/.well-known/openid-configuration", "/.well-known/jwks", "/account/signin", "/connect/authorize" })
        {
            var echoed = await anonymous.GetFromJsonAsync<JsonElement>(path);
            Assert.Equal(path, echoed.GetProperty("path").GetString());
            Assert.Equal("localhost", echoed.GetProperty("forwardedHost").GetString());
        }

        var token = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));
        Assert.Equal("/connect/token", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString());
    }

    [Fact]
    public async Task The_identity_providers_account_api_is_under_api_identity_and_only_sign_up_and_activation_need_no_token()
    {
        var anonymous = _gateway.CreateClient();

        foreach (var path in new[] { "register", "activate" })
        {
            var echoed = await (await anonymous.PostAsJsonAsync($"/api/identity/accounts/{path}", new { })).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal($"/accounts/{path}", echoed.GetProperty("path").GetString());
        }

        Assert.Equal("/openapi/v1.json", (await anonymous.GetFromJsonAsync<JsonElement>("/api/identity/openapi/v1.json")).GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/identity/accounts")).StatusCode);
        Assert.Equal("/accounts", (await ClientAs(Roles.StationStaff).GetFromJsonAsync<JsonElement>("/api/identity/accounts")).GetProperty("path").GetString());
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private HttpClient ClientAs(string role)
    {
        var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Mint(SigningKey, [role]));
        return client;
    }
}
