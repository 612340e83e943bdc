using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Community.Testing;

/// <summary>
/// Signs a person in the way a real client does: the provider's sign-in page (with its anti-forgery token),
/// then the authorization code flow with PKCE, then the token endpoint. <paramref name="browser"/> must keep
/// cookies and must not follow redirects (the code arrives in a redirect to the client's address).
/// </summary>
public static partial class OidcSignIn
{
    public const string CliClientId = "community-cli";
    public const string CliRedirectUri = "http://127.0.0.1/callback";

    public sealed record Tokens(string AccessToken, string? RefreshToken, string? IdToken, int ExpiresIn);

    /// <summary>Posts the sign-in form; returns the page's status (302 when signed in).</summary>
    public static async Task<HttpResponseMessage> SubmitSignInAsync(HttpClient browser, string phone, string password, string returnUrl = "/")
    {
        var page = await browser.GetStringAsync($"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var token = AntiforgeryField().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("The sign-in page carries no anti-forgery token.");
        }

        return await browser.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["phone"] = phone,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    /// <summary>The CLI client's authorization request (code flow, PKCE with <paramref name="challenge"/>), with any <paramref name="extra"/> parameters.</summary>
    public static string AuthorizeUrl(string challenge, string state, string scope = "openid", IReadOnlyDictionary<string, string>? extra = null) =>
        QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = CliClientId,
            ["redirect_uri"] = CliRedirectUri,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = state,
        }.Concat((extra ?? new Dictionary<string, string>()).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))));

    /// <summary>
    /// The whole flow for <paramref name="phone"/>; throws with what went wrong at the step that failed.
    /// <paramref name="extra"/> adds authorization request parameters (<c>prompt</c>, <c>max_age</c>);
    /// <paramref name="expectSignInPage"/>, when given, says whether the provider must ask for the password on the way.
    /// </summary>
    public static async Task<Tokens> SignInAsync(
        HttpClient browser, string phone, string password, string scope = "openid profile roles api offline_access",
        IReadOnlyDictionary<string, string>? extra = null, bool? expectSignInPage = null)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var authorize = AuthorizeUrl(challenge, state, scope, extra);

        // Not signed in yet: the provider sends the browser to its sign-in page, which comes back here.
        var first = await browser.GetAsync(authorize);
        if (first.StatusCode != HttpStatusCode.Redirect || first.Headers.Location is null)
        {
            throw new InvalidOperationException($"authorize answered {(int)first.StatusCode}: {await first.Content.ReadAsStringAsync()}");
        }

        var location = first.Headers.Location.IsAbsoluteUri ? first.Headers.Location : new Uri(browser.BaseAddress!, first.Headers.Location);
        var returnUrl = location.AbsolutePath == "/account/signin"
            ? QueryHelpers.ParseQuery(location.Query)["ReturnUrl"].ToString()
            : null;
        if (expectSignInPage is { } expected && expected != (returnUrl is not null))
        {
            throw new InvalidOperationException(expected ? "authorize did not ask for the password." : "authorize asked for the password again.");
        }

        if (returnUrl is not null)
        {
            var signedIn = await SubmitSignInAsync(browser, phone, password, returnUrl);
            if (signedIn.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"sign-in answered {(int)signedIn.StatusCode}");
            }

            first = await browser.GetAsync(signedIn.Headers.Location);
        }

        var callback = first.Headers.Location ?? throw new InvalidOperationException("authorize did not redirect back to the client.");
        var query = QueryHelpers.ParseQuery(callback.Query);
        if (query.TryGetValue("error", out var error))
        {
            throw new InvalidOperationException($"authorize refused: {error} {query["error_description"]}");
        }

        if (query["state"] != state)
        {
            throw new InvalidOperationException("authorize returned another state.");
        }

        return await ExchangeAsync(browser, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = CliClientId,
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = CliRedirectUri,
            ["code_verifier"] = verifier,
        });
    }

    public static Task<Tokens> RefreshAsync(HttpClient client, string refreshToken) => ExchangeAsync(client, new Dictionary<string, string>
    {
        ["grant_type"] = "refresh_token",
        ["client_id"] = CliClientId,
        ["refresh_token"] = refreshToken,
    });

    public static Task<Tokens> ClientCredentialsAsync(HttpClient client, string clientId, string secret, string scope = "api") =>
        ExchangeAsync(client, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        });

    /// <summary>The token endpoint's raw answer, for tests of its refusals.</summary>
    public static Task<HttpResponseMessage> PostTokenAsync(HttpClient client, IDictionary<string, string> form) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(form));

    private static async Task<Tokens> ExchangeAsync(HttpClient client, IDictionary<string, string> form)
    {
        var response = await PostTokenAsync(client, form);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"token endpoint answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        string? Optional(string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new Tokens(root.GetProperty("access_token").GetString()!, Optional("refresh_token"), Optional("id_token"),
            root.TryGetProperty("expires_in", out var expires) ? expires.GetInt32() : 0);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken[^"]*)" value="(?<value>[^"]*)">""")]
    private static partial Regex AntiforgeryField();
}
