using System.Globalization;
using System.Security.Claims;
using Community.Identity.Accounts;
using Community.ServiceDefaults.Auth;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Community.Identity.Connect;

/// <summary>What a token says about an account: its id as <c>sub</c>, its display name and its current roles.</summary>
public static class AccountPrincipal
{
    /// <summary>The audience every Community API checks.</summary>
    public const string ApiResource = "community-api";

    /// <summary>The scope a client asks for to call the APIs.</summary>
    public const string ApiScope = "api";

    /// <summary>The claim a partner organisation's client carries: the organisation's id.</summary>
    public const string OrganisationClaim = "org";

    /// <summary>
    /// A person's principal; <paramref name="signedInAt"/>, when they last gave their password, becomes the id token's
    /// <c>auth_time</c> (kept through refreshes, as the sign-in it tells of does not change).
    /// </summary>
    public static ClaimsPrincipal For(Account account, IEnumerable<string> roles, IEnumerable<string> scopes, DateTimeOffset? signedInAt)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.Id.ToString())
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaims(Claims.Role, [.. roles]);
        if (signedInAt is { } at)
        {
            identity.AddClaim(new Claim(Claims.AuthenticationTime, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }

        return Finish(identity, scopes);
    }

    /// <summary>The <c>auth_time</c> an earlier grant (a code, a refresh token) carries.</summary>
    public static DateTimeOffset? SignedInAt(ClaimsPrincipal granted) =>
        long.TryParse(granted.GetClaim(Claims.AuthenticationTime), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>A client acting for itself (client credentials): a partner organisation's system.</summary>
    public static ClaimsPrincipal ForClient(string clientId, string? displayName, IEnumerable<string> roles, string? organisationId, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, displayName ?? clientId)
            .SetClaims(Claims.Role, [.. roles]);
        if (organisationId is not null)
        {
            identity.SetClaim(OrganisationClaim, organisationId);
        }

        return Finish(identity, scopes);
    }

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        identity.SetScopes(scopes);
        identity.SetResources(ApiResource);
        // Everything goes into the access token the services read; the id token carries who it is, for the web app.
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.Role when claim.Subject!.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.AuthenticationTime => [Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }

}
