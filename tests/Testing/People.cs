using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Community.Testing;

/// <summary>
/// People who sign in at the real identity provider, reached at <paramref name="provider"/> (the gateway): an
/// administrator makes each one an account with the roles asked for, the person sets a password with the printed
/// activation code, and signs in with the authorization code flow and PKCE. For the end-to-end tests and the
/// benchmarks, which run the whole system and so cannot mint their own tokens.
/// </summary>
/// <param name="provider">Where the provider's sign-in, token and discovery endpoints answer.</param>
/// <param name="admin">An administrator's phone and password (local mode seeds one: 13800000005, community-demo).</param>
/// <param name="accountsApi">Where the provider's account API answers, relative to <paramref name="provider"/>.</param>
public sealed class People(Uri provider, (string Phone, string Password) admin, string accountsApi = "/api/identity/accounts") : IDisposable
{
    /// <summary>The password every person made here signs in with.</summary>
    public const string Password = "people-password-1";

    // One connection pool for every person's API client; cookies are kept only by the short-lived browsers.
    private readonly SocketsHttpHandler _api = new() { UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    private readonly SemaphoreSlim _adminLock = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _adminToken;

    /// <param name="AccountId">The account at the provider: the <c>sub</c> of the person's tokens.</param>
    public sealed record Person(Guid AccountId, string Phone, string AccessToken, HttpClient Client);

    /// <summary>A new person holding <paramref name="roles"/>, signed in, with a client of <paramref name="provider"/> carrying their token.</summary>
    public async Task<Person> NewAsync(string displayName, params string[] roles)
    {
        using var adminClient = ApiClient(await AdminTokenAsync());
        for (var attempt = 0; ; attempt++)
        {
            var phone = $"19{Random.Shared.NextInt64(100_000_000, 999_999_999)}";
            var made = await adminClient.PostAsJsonAsync(accountsApi, new { phone, displayName, roles });
            if (made.StatusCode == HttpStatusCode.Conflict && attempt < 5)
            {
                // Someone has that number already: the provider keeps one account per phone.
                continue;
            }

            var issued = await ReadAsync(made, HttpStatusCode.Created, "making the account");
            var accountId = issued.GetProperty("account").GetProperty("id").GetGuid();
            using var anonymous = ApiClient(null);
            var activated = await anonymous.PostAsJsonAsync($"{accountsApi}/activate",
                new { phone, code = issued.GetProperty("activationCode").GetString(), password = Password });
            await ReadAsync(activated, HttpStatusCode.NoContent, "activating the account");

            var tokens = await SignInAsync(phone, Password);
            return new Person(accountId, phone, tokens.AccessToken, ApiClient(tokens.AccessToken));
        }
    }

    /// <summary>Signs an existing account in (the code flow with PKCE, in a browser of its own).</summary>
    public async Task<OidcSignIn.Tokens> SignInAsync(string phone, string password)
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = provider,
            Timeout = TimeSpan.FromSeconds(60),
        };
        return await OidcSignIn.SignInAsync(browser, phone, password);
    }

    /// <summary>A client of <paramref name="provider"/> carrying <paramref name="accessToken"/> (none: anonymous).</summary>
    public HttpClient ApiClient(string? accessToken)
    {
        var client = new HttpClient(_api, disposeHandler: false) { BaseAddress = provider, Timeout = TimeSpan.FromSeconds(60) };
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    /// <summary>The administrator's access token, signed in once and again shortly before it expires.</summary>
    public async Task<string> AdminTokenAsync()
    {
        await _adminLock.WaitAsync();
        try
        {
            if (_adminToken is not { } cached || cached.RenewAt <= DateTimeOffset.UtcNow)
            {
                var tokens = await SignInAsync(admin.Phone, admin.Password);
                var lifetime = TimeSpan.FromSeconds(tokens.ExpiresIn > 0 ? tokens.ExpiresIn : 300);
                cached = (tokens.AccessToken, DateTimeOffset.UtcNow + lifetime * 0.8);
                _adminToken = cached;
            }

            return cached.Token;
        }
        finally
        {
            _adminLock.Release();
        }
    }

    public void Dispose()
    {
        _api.Dispose();
        _adminLock.Dispose();
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected, string step)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{step}: the provider answered {(int)response.StatusCode}: {body}");
        }

        if (body.Length == 0)
        {
            return default;
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }
}
