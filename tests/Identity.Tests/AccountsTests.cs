using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Identity.Seeding;
using Community.ServiceDefaults.Auth;
using Community.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Community.Identity.Tests;

/// <summary>Self-registration makes a resident only; other roles are granted with a reason and kept in the history.</summary>
public sealed class AccountsTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static string NewPhone() => $"137{Random.Shared.Next(0, 100_000_000):D8}";

    private async Task<(string Phone, Guid Id)> RegisterAsync()
    {
        var phone = NewPhone();
        var response = await fixture.Provider.CreateClient().PostAsJsonAsync("/accounts/register", new { phone, password = "long enough 1", displayName = "周阿姨" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (phone, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Bad_sign_up_input_is_refused_field_by_field()
    {
        var response = await fixture.Provider.CreateClient().PostAsJsonAsync("/accounts/register", new { phone = "12345", password = "short", displayName = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("phone", out _));
        Assert.True(errors.TryGetProperty("password", out _));
        Assert.True(errors.TryGetProperty("displayName", out _));
    }

    [Fact]
    public async Task A_phone_number_has_one_account()
    {
        var (phone, _) = await RegisterAsync();

        var again = await fixture.Provider.CreateClient().PostAsJsonAsync("/accounts/register", new { phone, password = "another long one", displayName = "冒名" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Staff_grant_a_role_with_a_reason_and_the_next_token_carries_it_and_the_history_keeps_it()
    {
        var (phone, id) = await RegisterAsync();
        var staff = await fixture.ApiAsDemoAsync(Roles.StationStaff);

        var granted = await staff.PostAsJsonAsync($"/accounts/{id}/roles", new { role = Roles.GridWorker, reason = "joined grid 3's team" });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);

        var tokens = await fixture.SignInAsync(phone, "long enough 1");
        Assert.Equal([Roles.GridWorker, Roles.Resident], new JsonWebToken(tokens.AccessToken).Claims.Where(c => c.Type == "role").Select(c => c.Value).Order());

        var revoked = await staff.PostAsJsonAsync($"/accounts/{id}/roles/{Roles.GridWorker}/revoke", new { reason = "left the team" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var refreshed = await OidcSignIn.RefreshAsync(fixture.Provider.CreateClient(), tokens.RefreshToken!);
        Assert.Equal([Roles.Resident], new JsonWebToken(refreshed.AccessToken).Claims.Where(c => c.Type == "role").Select(c => c.Value));

        var history = await staff.GetFromJsonAsync<JsonElement>($"/accounts/{id}/role-history");
        Assert.Equal(
            ["resident granted signed up", "grid-worker granted joined grid 3's team", "grid-worker revoked left the team"],
            history.EnumerateArray().Select(c => $"{c.GetProperty("role").GetString()} {c.GetProperty("change").GetString()} {c.GetProperty("reason").GetString()}"));
    }

    [Fact]
    public async Task Staff_cannot_make_an_administrator_nobody_changes_their_own_roles_and_a_resident_grants_nothing()
    {
        var (_, id) = await RegisterAsync();
        var staff = await fixture.ApiAsDemoAsync(Roles.StationStaff);
        var admin = await fixture.ApiAsDemoAsync(Roles.Admin);
        var resident = await fixture.ApiAsDemoAsync(Roles.Resident);
        var adminId = (await admin.GetFromJsonAsync<JsonElement>("/accounts/me")).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/accounts/{id}/roles", new { role = Roles.Admin, reason = "why not" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync($"/accounts/{adminId}/roles/{Roles.Admin}/revoke", new { reason = "oops" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsJsonAsync($"/accounts/{id}/roles", new { role = Roles.Volunteer, reason = "friend" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/accounts/{id}/roles", new { role = Roles.StationStaff, reason = "new colleague" })).StatusCode);
    }

    [Fact]
    public async Task Staff_see_accounts_with_phone_numbers_masked()
    {
        var (phone, id) = await RegisterAsync();
        var staff = await fixture.ApiAsDemoAsync(Roles.StationStaff);

        var account = await staff.GetFromJsonAsync<JsonElement>($"/accounts/{id}");

        Assert.Equal($"{phone[..3]}****{phone[^4..]}", account.GetProperty("phone").GetString());
        Assert.DoesNotContain(phone, account.GetRawText());
    }
}
