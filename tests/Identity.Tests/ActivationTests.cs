using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Identity.Seeding;
using Community.ServiceDefaults.Auth;
using Community.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Community.Identity.Tests;

/// <summary>No e-mail, no SMS: a printed one-time code from the service station sets the password.</summary>
public sealed class ActivationTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static string NewPhone() => $"136{Random.Shared.Next(0, 100_000_000):D8}";

    private async Task<(string Phone, Guid Id, string Code)> MadeAtTheStationAsync(HttpClient staff)
    {
        var phone = NewPhone();
        var response = await staff.PostAsJsonAsync("/accounts", new { phone, displayName = "孙爷爷" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (phone, body.GetProperty("account").GetProperty("id").GetGuid(), body.GetProperty("activationCode").GetString()!);
    }

    private Task<HttpResponseMessage> ActivateAsync(string phone, string code, string password) =>
        fixture.Provider.CreateClient().PostAsJsonAsync("/accounts/activate", new { phone, code, password });

    [Fact]
    public async Task An_elder_without_a_smartphone_gets_a_card_sets_a_password_and_signs_in_as_a_resident()
    {
        var staff = await fixture.ApiAsDemoAsync(Roles.StationStaff);
        var (phone, id, code) = await MadeAtTheStationAsync(staff);
        Assert.Matches("^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$", code);

        // Typed as read from the card: lower case, with a space instead of the dash.
        var activated = await ActivateAsync(phone, code.Replace("-", " ").ToLowerInvariant(), "孙爷爷的新密码123");
        Assert.Equal(HttpStatusCode.NoContent, activated.StatusCode);

        var tokens = await fixture.SignInAsync(phone, "孙爷爷的新密码123");
        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Equal(id.ToString(), jwt.Subject);
        Assert.Equal([Roles.Resident], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value));
    }

    [Fact]
    public async Task A_code_works_once()
    {
        var staff = await fixture.ApiAsDemoAsync(Roles.StationStaff);
        var (phone, _, code) = await MadeAtTheStationAsync(staff);
        Assert.Equal(HttpStatusCode.NoContent, (await ActivateAsync(phone, code, "first password")).StatusCode);

        var again = await ActivateAsync(phone, code, "second password");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        using var browser = fixture.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await OidcSignIn.SubmitSignInAsync(browser, phone, "second password")).StatusCode);
    }

    [Fact]
    public async Task A_reset_code_replaces_the_earlier_one_and_ends_a_lockout()
    {
        var staff = await fixture.ApiAsDemoAsync(Roles.StationStaff);
        var (phone, id, first) = await MadeAtTheStationAsync(staff);
        Assert.Equal(HttpStatusCode.NoContent, (await ActivateAsync(phone, first, "remembered once")).StatusCode);
        using var browser = fixture.Browser();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await OidcSignIn.SubmitSignInAsync(browser, phone, "forgotten it");
        }

        Assert.Equal(HttpStatusCode.Locked, (await OidcSignIn.SubmitSignInAsync(browser, phone, "remembered once")).StatusCode);

        var issued = await staff.PostAsync($"/accounts/{id}/reset-codes", null);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var reset = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activationCode").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await ActivateAsync(phone, reset, "a brand new one")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await OidcSignIn.SubmitSignInAsync(browser, phone, "a brand new one")).StatusCode);
    }

    [Fact]
    public async Task Guessing_codes_gets_nowhere_and_cannot_keep_the_elder_out()
    {
        var staff = await fixture.ApiAsDemoAsync(Roles.StationStaff);
        var (phone, _, code) = await MadeAtTheStationAsync(staff);

        // A stranger who knows her number guesses, again and again: always the same answer.
        for (var attempt = 0; attempt < 7; attempt++)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ActivateAsync(phone, "AAAA-AAAA", "guessing away")).StatusCode);
        }

        // Before, five wrong codes locked the account, and her printed card was refused (423) for as long as the
        // stranger kept guessing.
        Assert.Equal(HttpStatusCode.NoContent, (await ActivateAsync(phone, code, "the real one now")).StatusCode);
    }

    [Fact]
    public async Task A_new_password_from_the_stations_code_ends_the_sessions_of_whoever_knew_the_old_one()
    {
        var staff = await fixture.ApiAsDemoAsync(Roles.StationStaff);
        var (phone, id, first) = await MadeAtTheStationAsync(staff);
        Assert.Equal(HttpStatusCode.NoContent, (await ActivateAsync(phone, first, "known to a nephew")).StatusCode);
        var nephews = await fixture.SignInAsync(phone, "known to a nephew");

        // She asks the station for a new card and sets a new password.
        var issued = await staff.PostAsync($"/accounts/{id}/reset-codes", null);
        var reset = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activationCode").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await ActivateAsync(phone, reset, "only hers now")).StatusCode);

        // Before, the nephew's app kept refreshing its tokens (each refresh a fresh 14 days) with the old password's sign-in.
        using var browser = fixture.Browser();
        var refresh = await OidcSignIn.PostTokenAsync(browser, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = OidcSignIn.CliClientId, ["refresh_token"] = nephews.RefreshToken!,
        });
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Contains("invalid_grant", await refresh.Content.ReadAsStringAsync());
        Assert.NotNull((await fixture.SignInAsync(phone, "only hers now")).RefreshToken);
    }

    [Fact]
    public async Task A_resident_cannot_make_accounts_and_staff_cannot_reset_a_colleagues_password()
    {
        var asResident = await fixture.ApiAsDemoAsync(Roles.Resident);
        Assert.Equal(HttpStatusCode.Forbidden, (await asResident.PostAsJsonAsync("/accounts", new { phone = NewPhone(), displayName = "x" })).StatusCode);

        var staff = await fixture.ApiAsDemoAsync(Roles.StationStaff);
        var admin = await fixture.SignInAsDemoAsync(Roles.Admin);
        var adminId = new JsonWebToken(admin.AccessToken).Subject;
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync($"/accounts/{adminId}/reset-codes", null)).StatusCode);
        // Nor touch an administrator's roles, even the ones staff may give residents (before, only the role was looked at).
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/accounts/{adminId}/roles", new { role = Roles.Volunteer, reason = "试试" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/accounts", new { phone = NewPhone(), displayName = "y", roles = new[] { Roles.Admin } })).StatusCode);
    }
}
