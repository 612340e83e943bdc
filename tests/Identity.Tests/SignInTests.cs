using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Identity.Seeding;
using Community.ServiceDefaults.Auth;
using Community.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Community.Identity.Tests;

/// <summary>People and partners get tokens from the provider by standard flows, and the services trust them.</summary>
public sealed class SignInTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static string NewPhone() => $"139{Random.Shared.Next(0, 100_000_000):D8}";

    private async Task<(string Phone, Guid Id)> RegisterAsync(string password = "long enough 1")
    {
        var phone = NewPhone();
        var response = await fixture.Provider.CreateClient().PostAsJsonAsync("/accounts/register", new { phone, password, displayName = "刘奶奶" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var account = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (phone, account.GetProperty("id").GetGuid());
    }

    private HttpClient Bearer(ServiceHost<Community.Services.Grid.Data.GridDbContext> host, string token)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_resident_signs_up_and_signs_in_with_the_code_flow_and_PKCE()
    {
        var (phone, id) = await RegisterAsync();

        var tokens = await fixture.SignInAsync(phone, "long enough 1");

        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Equal(IdentityFixture.Issuer, jwt.Issuer);
        Assert.Equal(id.ToString(), jwt.Subject);
        Assert.Contains("community-api", jwt.Audiences);
        Assert.Equal([Roles.Resident], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.NotNull(tokens.RefreshToken);

        var me = await fixture.Provider.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/accounts/me")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken) },
        });
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var account = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"{phone[..3]}****{phone[^4..]}", account.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task A_client_asking_for_a_fresh_sign_in_gets_the_password_page_once_and_then_its_code()
    {
        var (phone, id) = await RegisterAsync();
        using var browser = fixture.Provider.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var first = await OidcSignIn.SignInAsync(browser, phone, "long enough 1", expectSignInPage: true);
        var signedIn = AuthTime(first);

        // The provider's session serves a plain request, and one whose max_age it is younger than, without asking; the
        // id token tells when the person gave the password, however often the session is used.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var plain = await OidcSignIn.SignInAsync(browser, phone, "long enough 1", expectSignInPage: false);
        var young = await OidcSignIn.SignInAsync(browser, phone, "long enough 1", extra: new Dictionary<string, string> { ["max_age"] = "3600" }, expectSignInPage: false);
        var refreshed = await OidcSignIn.RefreshAsync(fixture.Provider.CreateClient(), young.RefreshToken!);

        Assert.InRange(signedIn, before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(signedIn, AuthTime(plain));
        Assert.Equal(signedIn, AuthTime(young));
        Assert.Equal(signedIn, AuthTime(refreshed));

        // prompt=login and max_age=0 ask for the password, once: after it the person goes back to the client with a code,
        // and the id token tells of the new sign-in.
        foreach (var fresh in new[] { ("prompt", "login"), ("prompt", "login consent"), ("max_age", "0") })
        {
            var tokens = await OidcSignIn.SignInAsync(browser, phone, "long enough 1",
                extra: new Dictionary<string, string> { [fresh.Item1] = fresh.Item2 }, expectSignInPage: true);
            Assert.Equal(id.ToString(), new JsonWebToken(tokens.AccessToken).Subject);
            Assert.True(AuthTime(tokens) > signedIn, $"{fresh} gave an id token without the new sign-in's auth_time");
        }

        // Whoever is at the browser cannot skip the password by following the way back from the sign-in page: the
        // session that was there ended when the fresh sign-in was asked for.
        var asked = await browser.GetAsync(OidcSignIn.AuthorizeUrl(new string('a', 43), "s", extra: new Dictionary<string, string> { ["prompt"] = "login" }));
        var back = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(browser.BaseAddress!, asked.Headers.Location!).Query)["ReturnUrl"].ToString();
        Assert.DoesNotContain("prompt=login", back);
        var skipped = await browser.GetAsync(back);
        Assert.Equal(HttpStatusCode.Redirect, skipped.StatusCode);
        Assert.Equal("/account/signin", new Uri(browser.BaseAddress!, skipped.Headers.Location!).AbsolutePath);

        static long AuthTime(OidcSignIn.Tokens tokens) => new JsonWebToken(tokens.IdToken).GetPayloadValue<long>("auth_time");
    }

    [Fact]
    public async Task A_service_accepts_the_providers_token_by_its_discovery_document()
    {
        var tokens = await fixture.SignInAsDemoAsync(Roles.StationStaff);

        var compounds = await Bearer(fixture.Grid, tokens.AccessToken).GetAsync("/compounds");

        Assert.True(compounds.StatusCode == HttpStatusCode.OK, compounds.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task With_the_provider_down_a_service_keeps_validating_tokens_with_the_keys_it_fetched()
    {
        var (provider, grid) = await IdentityFixture.StartPairAsync();
        await using var _ = grid;
        using var browser = provider.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var tokens = await OidcSignIn.SignInAsync(browser, DemoAccounts.All.Single(a => a.Role == Roles.StationStaff).Phone, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(grid, tokens.AccessToken).GetAsync("/compounds")).StatusCode);

        await provider.DisposeAsync();

        Assert.Equal(HttpStatusCode.OK, (await Bearer(grid, tokens.AccessToken).GetAsync("/compounds")).StatusCode);
    }

    [Fact]
    public async Task With_the_accounts_database_down_the_sign_in_page_says_so_plainly_with_a_503_and_a_retry_time()
    {
        // A PostgreSQL of its own, so stopping it disturbs no other test.
        var postgres = await PostgresServer.StartAsync();
        var infrastructure = await SharedInfrastructure.GetAsync();
        await using var provider = new ServiceHost<Community.Identity.Data.AccountsDbContext>("identitydb", postgres.NewDatabase("identity"),
            await infrastructure.RabbitMq.NewVirtualHostAsync(),
            new Dictionary<string, string?> { ["Identity:Issuer"] = IdentityFixture.Issuer, ["Identity:SeedDemoAccounts"] = "true", ["Auth:Authority"] = IdentityFixture.Issuer });
        await provider.StartAsync();
        using var browser = provider.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var demo = DemoAccounts.All.Single(a => a.Role == Roles.Resident);
        Assert.Equal(HttpStatusCode.Redirect, (await OidcSignIn.SubmitSignInAsync(browser, demo.Phone, DemoAccounts.Password)).StatusCode);

        await postgres.DisposeAsync();
        var refused = await OidcSignIn.SubmitSignInAsync(browser, demo.Phone, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Community.Identity.SignIn.SignInText.Unavailable), await refused.Content.ReadAsStringAsync());
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_service_refuses_forged_tokens_and_tokens_that_name_nobody()
    {
        var tokens = await fixture.SignInAsDemoAsync(Roles.StationStaff);
        var parts = tokens.AccessToken.Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlDecode(parts[1]))!;

        // alg: none, the same claims, no signature.
        var none = $"{Base64UrlEncode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.";
        // Signed by another key with the provider's issuer and audience.
        var otherKey = DevTokens.Mint("some-other-key-that-is-long-enough-for-hmac-sha256", [Roles.StationStaff], issuer: IdentityFixture.Issuer);
        // The provider's own signature over changed claims.
        claims["role"] = JsonSerializer.SerializeToElement(new[] { Roles.Admin });
        var tampered = $"{parts[0]}.{Base64UrlEncode(JsonSerializer.Serialize(claims))}.{parts[2]}";
        // A token for another audience.
        var otherAudience = DevTokens.Mint(ServiceHostSigningKey, [Roles.StationStaff], audience: "another-api");

        // A well-signed token that names nobody.
        var nobody = DevTokens.Mint(ServiceHostSigningKey, [Roles.StationStaff], subject: "");

        // Each twice: a token is remembered once it has passed validation, and the second answer must be the same
        // (the one naming nobody passes the library's checks and is refused by ours on every request).
        foreach (var forged in new[] { none, otherKey, tampered, otherAudience, nobody, none, otherKey, tampered, otherAudience, nobody })
        {
            var response = await Bearer(fixture.Grid, forged).GetAsync("/compounds");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    private const string ServiceHostSigningKey = ServiceHost<object>.SigningKey;

    [Fact]
    public async Task A_partner_system_gets_a_token_with_client_credentials_carrying_its_organisation()
    {
        using var client = fixture.Provider.CreateClient();

        var tokens = await OidcSignIn.ClientCredentialsAsync(client, DemoAccounts.PartnerClientId, DemoAccounts.PartnerClientSecret);

        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Equal(DemoAccounts.PartnerClientId, jwt.Subject);
        Assert.Equal([Roles.Partner], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.Equal(DemoAccounts.PartnerOrganisationId, jwt.GetClaim("org").Value);

        var wrongSecret = await OidcSignIn.PostTokenAsync(client, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = DemoAccounts.PartnerClientId, ["client_secret"] = "guessed", ["scope"] = "api",
        });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_a_while()
    {
        var (phone, _) = await RegisterAsync("the right one");
        using var browser = fixture.Browser();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await OidcSignIn.SubmitSignInAsync(browser, phone, "the wrong one")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Locked, (await OidcSignIn.SubmitSignInAsync(browser, phone, "the wrong one")).StatusCode);
        Assert.Equal(HttpStatusCode.Locked, (await OidcSignIn.SubmitSignInAsync(browser, phone, "the right one")).StatusCode);
    }

    [Fact]
    public async Task A_lockout_someone_else_caused_does_not_end_the_sessions_the_person_already_has()
    {
        var (phone, _) = await RegisterAsync("the right one");
        var tokens = await fixture.SignInAsync(phone, "the right one");
        using var browser = fixture.Browser();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await OidcSignIn.SubmitSignInAsync(browser, phone, "a stranger's guess");
        }

        Assert.Equal(HttpStatusCode.Locked, (await OidcSignIn.SubmitSignInAsync(browser, phone, "the right one")).StatusCode);
        // Before, her app's next refresh was refused: anyone knowing her number could sign her out every 15 minutes.
        Assert.NotNull((await OidcSignIn.RefreshAsync(fixture.Browser(), tokens.RefreshToken!)).AccessToken);
    }

    [Fact]
    public async Task A_disabled_account_can_neither_sign_in_nor_refresh_its_tokens()
    {
        var (phone, id) = await RegisterAsync();
        var tokens = await fixture.SignInAsync(phone, "long enough 1");
        var staff = await fixture.SignInAsDemoAsync(Roles.StationStaff);
        using var api = fixture.Provider.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", staff.AccessToken);

        var disabled = await api.PostAsJsonAsync($"/accounts/{id}/disable", new { reason = "moved away" });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        // Staff may not switch off (or on) an administrator's account: as strong as changing an administrator's roles.
        var admin = await fixture.SignInAsDemoAsync(Roles.Admin);
        using var asAdmin = fixture.Provider.CreateClient();
        asAdmin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);
        var adminId = (await asAdmin.GetFromJsonAsync<System.Text.Json.JsonElement>("/accounts/me")).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"/accounts/{adminId}/disable", new { reason = "a colleague's mistake" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"/accounts/{adminId}/enable", new { })).StatusCode);

        using var browser = fixture.Browser();
        Assert.Equal(HttpStatusCode.Forbidden, (await OidcSignIn.SubmitSignInAsync(browser, phone, "long enough 1")).StatusCode);
        var refresh = await OidcSignIn.PostTokenAsync(browser, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = OidcSignIn.CliClientId, ["refresh_token"] = tokens.RefreshToken!,
        });
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Contains("invalid_grant", await refresh.Content.ReadAsStringAsync());

        // Enabled again, the account signs in afresh; the sessions it had before stay ended.
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/accounts/{id}/enable", new { })).StatusCode);
        var again = await OidcSignIn.PostTokenAsync(browser, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = OidcSignIn.CliClientId, ["refresh_token"] = tokens.RefreshToken!,
        });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.NotNull((await fixture.SignInAsync(phone, "long enough 1")).AccessToken);
    }

    private static string Base64UrlEncode(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Base64UrlDecode(string part)
    {
        var s = part.Replace('-', '+').Replace('_', '/');
        return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=')));
    }
}
