using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Community.Identity.SignIn;

/// <summary>
/// When the person last gave their password to the provider: kept in the provider's session cookie, set when they sign
/// in and carried unchanged when the cookie is renewed (sliding expiration) or its roles are refreshed. It answers a
/// client's <c>max_age</c> and becomes the id token's <c>auth_time</c> (OpenID Connect Core 2 and 3.1.2.1); the cookie's
/// own issue time would not, as every renewal moves it.
/// </summary>
public static class SignedInAt
{
    private const string Item = ".community.signed_in_at";

    /// <summary>Stamps a new sign-in; a renewal or refresh of the same session keeps its stamp.</summary>
    public static Task OnSigningIn(CookieSigningInContext context)
    {
        if (!context.Properties.Items.ContainsKey(Item))
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            context.Properties.Items[Item] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }

    /// <summary>When the session's person signed in; a cookie from before the stamp existed answers with its issue time.</summary>
    public static DateTimeOffset? Of(AuthenticationProperties? session) =>
        session?.Items.TryGetValue(Item, out var stamp) == true && long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : session?.IssuedUtc;
}
