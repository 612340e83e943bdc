using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Identity.Seeding;
using Community.ServiceDefaults.Auth;
using Community.Testing;

namespace Community.Identity.Tests;

/// <summary>
/// A person asks for their data to be erased: confirmed with their password, the account is emptied and closed at once,
/// the request goes out to the services, and their answers come back (here only Grid runs beside the provider).
/// </summary>
public sealed class ErasureTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private const string Password = "long enough 1";

    private async Task<(string Phone, HttpClient Client)> NewResidentAsync()
    {
        var phone = $"135{Random.Shared.Next(0, 100_000_000):D8}";
        Assert.Equal(HttpStatusCode.Created,
            (await fixture.Provider.CreateClient().PostAsJsonAsync("/accounts/register", new { phone, password = Password, displayName = "沈阿姨" })).StatusCode);
        var tokens = await fixture.SignInAsync(phone, Password);
        var client = fixture.Provider.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return (phone, client);
    }

    [Fact]
    public async Task Erasure_asks_for_the_password_again_and_a_partner_client_has_no_account_to_erase()
    {
        var (_, resident) = await NewResidentAsync();
        var missing = await resident.PostAsJsonAsync("/accounts/me/erasure", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await resident.PostAsJsonAsync("/accounts/me/erasure", new { password = "wrong password" })).StatusCode);

        var partnerTokens = await OidcSignIn.ClientCredentialsAsync(fixture.Provider.CreateClient(), DemoAccounts.PartnerClientId, DemoAccounts.PartnerClientSecret);
        var partner = fixture.Provider.CreateClient();
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", partnerTokens.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.PostAsJsonAsync("/accounts/me/erasure", new { password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync("/erasure-requests")).StatusCode);
    }

    [Fact]
    public async Task An_erased_account_cannot_sign_in_its_number_is_free_again_and_staff_see_the_services_answer()
    {
        var (phone, resident) = await NewResidentAsync();
        var asked = await resident.PostAsJsonAsync("/accounts/me/erasure", new { password = Password });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var request = await asked.Content.ReadFromJsonAsync<JsonElement>();
        var id = request.GetProperty("id").GetGuid();
        Assert.Equal($"/erasure-requests/{id}", asked.Headers.Location?.OriginalString);
        Assert.Equal(5, request.GetProperty("pending").GetArrayLength());

        // Closed at once: no sign-in, and asking again finds no account.
        var signIn = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.SignInAsync(phone, Password));
        Assert.Equal("sign-in answered 401", signIn.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.PostAsJsonAsync("/accounts/me/erasure", new { password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await fixture.Provider.CreateClient().PostAsJsonAsync("/accounts/register", new { phone, password = Password, displayName = "新住户" })).StatusCode);

        // Grid (the one service running here) hears of it through the broker and answers; the others are still awaited.
        var staff = await fixture.ApiAsDemoAsync(Roles.StationStaff);
        JsonElement state = await Eventually.Get(async () =>
        {
            var current = await staff.GetFromJsonAsync<JsonElement>($"/erasure-requests/{id}");
            return current.GetProperty("answers").GetArrayLength() > 0 ? (JsonElement?)current : null;
        }, TimeSpan.FromSeconds(30), "Grid's answer") ?? default;
        Assert.Equal("grid", Assert.Single(state.GetProperty("answers").EnumerateArray()).GetProperty("service").GetString());
        Assert.Equal(["activities", "volunteers", "notices", "partners"], state.GetProperty("pending").EnumerateArray().Select(p => p.GetString()!));
        Assert.Equal(JsonValueKind.Null, state.GetProperty("completedAt").ValueKind);
        var listed = await staff.GetFromJsonAsync<JsonElement>("/erasure-requests?pageSize=100");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);

        // Another resident (or a partner) is refused the request; an unknown id is a 404 to staff.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await NewResidentAsync()).Client.GetAsync($"/erasure-requests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/erasure-requests/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Two_requests_at_once_erase_the_account_once_and_staff_cannot_open_it_again()
    {
        var (_, resident) = await NewResidentAsync();
        var me = (await resident.GetFromJsonAsync<JsonElement>("/accounts/me")).GetProperty("id").GetGuid();

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => resident.PostAsJsonAsync("/accounts/me/erasure", new { password = Password })));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.NotFound], answers.Select(a => a.StatusCode).Order());
        var staff = await fixture.ApiAsDemoAsync(Roles.StationStaff);
        var listed = await staff.GetFromJsonAsync<JsonElement>("/erasure-requests?pageSize=100");
        Assert.Single(listed.GetProperty("items").EnumerateArray(), r => r.GetProperty("accountId").GetGuid() == me);
        var enable = await staff.PostAsync($"/accounts/{me}/enable", null);
        Assert.Equal(HttpStatusCode.Conflict, enable.StatusCode);
        Assert.EndsWith("account-erased", (await enable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/accounts/{me}/roles", new { role = Roles.Volunteer, reason = "帮忙" })).StatusCode);
    }

    [Fact]
    public async Task Guessing_the_password_to_erase_someone_locks_the_account_as_sign_in_does()
    {
        var (_, resident) = await NewResidentAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await resident.PostAsJsonAsync("/accounts/me/erasure", new { password = $"guess number {i}" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        // Locked: even the right password erases nothing until the lockout ends.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await resident.PostAsJsonAsync("/accounts/me/erasure", new { password = Password })).StatusCode);
    }
}
