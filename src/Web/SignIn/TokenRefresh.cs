using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Community.Web.SignIn;

/// <summary>
/// Access tokens live 30 minutes, a visit to the web app longer: shortly before the token runs out it is renewed
/// with the refresh token, on the server. When that fails (the account was disabled, the refresh token expired) the
/// session ends and the next page sends the person to sign in again — and back to the same page.
/// </summary>
public sealed partial class TokenRefresh(IHttpClientFactory clients, IOptionsMonitor<OpenIdConnectOptions> oidc, TimeProvider time, ILogger<TokenRefresh> logger)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);

    /// <summary>Whether a token expiring at <paramref name="expiresAt"/> should be renewed now.</summary>
    public static bool IsDue(string? expiresAt, DateTimeOffset now) =>
        !DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) || at - Margin <= now;

    /// <summary>
    /// Whether the provider's answer to a renewal ends the session: it refused the grant (400, <c>invalid_grant</c> — the
    /// account was disabled, the refresh token revoked or expired) or the client (401). Too many requests, or a provider
    /// or gateway failing for a moment, is no reason to sign the person out.
    /// </summary>
    public static bool EndsSession(System.Net.HttpStatusCode status) =>
        status is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.Unauthorized;

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var now = time.GetUtcNow();
        if (!IsDue(context.Properties.GetTokenValue("expires_at"), now))
        {
            return;
        }

        var refreshToken = context.Properties.GetTokenValue("refresh_token");
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        if (string.IsNullOrEmpty(refreshToken) || options.ConfigurationManager is null)
        {
            await EndAsync(context, "no refresh token");
            return;
        }

        try
        {
            var configuration = await options.ConfigurationManager.GetConfigurationAsync(context.HttpContext.RequestAborted);
            using var response = await clients.CreateClient(nameof(TokenRefresh)).PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = options.ClientId!,
                ["client_secret"] = options.ClientSecret!,
            }), context.HttpContext.RequestAborted);
            if (!response.IsSuccessStatusCode)
            {
                if (EndsSession(response.StatusCode))
                {
                    await EndAsync(context, $"the provider answered {(int)response.StatusCode}");
                }
                else
                {
                    // Busy or failing for a moment: the session stays, and the next request tries again.
                    LogUnreachable(logger, $"the provider answered {(int)response.StatusCode}");
                }

                return;
            }

            var tokens = await response.Content.ReadFromJsonAsync<JsonElement>(context.HttpContext.RequestAborted);
            var expiresIn = tokens.TryGetProperty("expires_in", out var seconds) ? seconds.GetInt32() : 1800;
            context.Properties.UpdateTokenValue("access_token", tokens.GetProperty("access_token").GetString()!);
            if (tokens.TryGetProperty("refresh_token", out var rotated))
            {
                context.Properties.UpdateTokenValue("refresh_token", rotated.GetString()!);
            }

            context.Properties.UpdateTokenValue("expires_at", now.AddSeconds(expiresIn).ToString("o", CultureInfo.InvariantCulture));
            context.ShouldRenew = true;
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException
                                              || (exception is OperationCanceledException && !context.HttpContext.RequestAborted.IsCancellationRequested))
        {
            // (A timeout, or the discovery document unreadable, is the same as unreachable.)
            // The provider is unreachable: keep the session; the page will say the platform is unavailable.
            LogUnreachable(logger, exception.Message);
        }
    }

    private async Task EndAsync(CookieValidatePrincipalContext context, string why)
    {
        LogEnded(logger, why);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A web session ended: its access token could not be renewed ({Why}).")]
    private static partial void LogEnded(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach the provider to renew an access token: {Reason}.")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}
