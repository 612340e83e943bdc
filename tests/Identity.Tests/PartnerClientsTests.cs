using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Identity.Seeding;
using Community.ServiceDefaults.Auth;
using Community.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Community.Identity.Tests;

/// <summary>A partner organisation's system gets its own client; its secret is shown once and can be rotated.</summary>
public sealed class PartnerClientsTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    [Fact]
    public async Task Staff_register_a_partner_system_whose_token_names_its_organisation_and_a_rotated_secret_replaces_the_old()
    {
        var staff = await fixture.ApiAsDemoAsync(Roles.StationStaff);
        var organisation = Guid.NewGuid();

        var created = await staff.PostAsJsonAsync("/partner-clients", new { name = "区中心医院", organisationId = organisation });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = await created.Content.ReadFromJsonAsync<JsonElement>();
        var clientId = client.GetProperty("clientId").GetString()!;
        var secret = client.GetProperty("clientSecret").GetString()!;

        var tokens = await OidcSignIn.ClientCredentialsAsync(fixture.Provider.CreateClient(), clientId, secret);
        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Equal(organisation.ToString(), jwt.GetClaim("org").Value);
        Assert.Equal([Roles.Partner], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value));

        var listed = await staff.GetFromJsonAsync<JsonElement>("/partner-clients");
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("clientId").GetString() == clientId);
        Assert.DoesNotContain(secret, listed.GetRawText());

        var rotated = await staff.PostAsync($"/partner-clients/{clientId}/rotate-secret", null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(secret, newSecret);

        var old = await OidcSignIn.PostTokenAsync(fixture.Provider.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "api",
        });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        await OidcSignIn.ClientCredentialsAsync(fixture.Provider.CreateClient(), clientId, newSecret);
    }

    [Fact]
    public async Task A_partner_cannot_register_partner_clients()
    {
        var partner = await OidcSignIn.ClientCredentialsAsync(fixture.Provider.CreateClient(), DemoAccounts.PartnerClientId, DemoAccounts.PartnerClientSecret);
        var client = fixture.Provider.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", partner.AccessToken);

        var response = await client.PostAsJsonAsync("/partner-clients", new { name = "自封", organisationId = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
