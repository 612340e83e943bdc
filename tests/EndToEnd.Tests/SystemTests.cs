using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Community.EndToEnd.Tests;

[Collection(SystemCollection.Name)]
public sealed class SystemTests(AppHostFixture fixture)
{
    /// <summary>A new person holding <paramref name="role"/>, signed in at the identity provider through the gateway.</summary>
    private async Task<HttpClient> SignedInAsync(string role) => (await fixture.SignedInAsync($"端到端 {role}", role)).Client;

    [Theory]
    [InlineData("/api/activities/venues")]
    [InlineData("/api/grid/compounds")]
    [InlineData("/api/grid/buildings")]
    [InlineData("/api/volunteers/volunteers")]
    public async Task Each_service_answers_through_the_gateway(string path)
    {
        var response = await (await SignedInAsync(Roles.StationStaff)).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Every_services_API_is_browsable_at_the_gateway_and_its_document_sends_clients_through_the_gateway()
    {
        var anonymous = fixture.Anonymous();

        var docs = await anonymous.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
        var page = await docs.Content.ReadAsStringAsync();
        foreach (var service in new[] { "activities", "grid", "volunteers", "notices", "partners", "identity" })
        {
            // Scalar resolves each source against the application's base (the gateway's root), not /docs/.
            Assert.Contains($"\"url\":\"api/{service}/openapi/v1.json\"", page);
            var document = await anonymous.GetFromJsonAsync<JsonElement>($"/api/{service}/openapi/v1.json");
            Assert.Equal($"/api/{service}", document.GetProperty("servers")[0].GetProperty("url").GetString());
            Assert.Equal(JsonValueKind.Object, document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").ValueKind);
            await OpenApiLint.AssertNoErrorsAsync(anonymous, $"/api/{service}/openapi/v1.json");
        }

        // The page's script comes from the gateway itself (no CDN on a neighbourhood's network).
        var script = System.Text.RegularExpressions.Regex.Match(page, "<script[^>]+src=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(script.StartsWith("http", StringComparison.Ordinal), script);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(new Uri(fixture.Gateway, "/docs/"), script))).StatusCode);
    }

    [Fact]
    public async Task A_person_signs_in_through_the_gateway_and_the_provider_answers_in_the_gateways_terms_with_the_issuer_services_trust()
    {
        var gateway = fixture.Gateway.GetLeftPart(UriPartial.Authority);
        var issuer = fixture.App.GetEndpoint("identity", "http");
        var anonymous = fixture.Anonymous();

        // The discovery document, read through the gateway: endpoints at the gateway, the issuer the services validate.
        var discovery = await anonymous.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.Equal(issuer, new Uri(discovery.GetProperty("issuer").GetString()!));
        Assert.StartsWith($"{gateway}/connect/authorize", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.StartsWith($"{gateway}/connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.True((await anonymous.GetFromJsonAsync<JsonElement>(discovery.GetProperty("jwks_uri").GetString())).GetProperty("keys").GetArrayLength() > 0);

        // Nobody signed in yet: the provider sends the browser to its sign-in page at the gateway's address.
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Gateway };
        var authorize = await browser.GetAsync(
            "/connect/authorize?client_id=community-cli&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&response_type=code&scope=openid%20api" +
            "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        Assert.StartsWith($"{gateway}/account/signin", authorize.Headers.Location!.ToString());

        // A person the administrator made signs in through the gateway; the services accept the provider's token.
        var person = await fixture.SignedInAsync("端到端居民", Roles.Resident);
        Assert.Equal(issuer, new Uri(new JsonWebToken(person.AccessToken).Issuer));
        var me = await person.Client.GetFromJsonAsync<JsonElement>("/api/identity/accounts/me");
        Assert.Equal(person.AccountId, me.GetProperty("id").GetGuid());
        Assert.Equal([Roles.Resident], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await person.Client.GetAsync("/api/activities/venues")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await person.Client.GetAsync("/api/identity/accounts")).StatusCode);
    }

    [Fact]
    public async Task The_gateway_refuses_a_call_without_a_token()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous().GetAsync("/api/grid/compounds")).StatusCode);
    }

    [Fact]
    public async Task A_volunteer_registered_through_the_gateway_appears_in_grids_read_model()
    {
        var staff = await SignedInAsync(Roles.StationStaff);
        var phone = $"136{Random.Shared.Next(10_000_000, 99_999_999)}";

        var registered = await staff.PostAsJsonAsync("/api/volunteers/volunteers", new
        {
            displayName = "端到端志愿者",
            phone,
            kind = "youth-council-member",
            birthDate = "1998-06-01",
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
        foreach (var resource in new[] { "postgres", "messaging", "activitiesdb", "griddb", "volunteersdb", "identitydb", "identity", "activities", "grid", "volunteers" })
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
    }
}
