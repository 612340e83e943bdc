using System.Security.Claims;
using Community.Identity.Accounts;
using Community.Identity.SignIn;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Community.Identity.Connect;

/// <summary>
/// The OpenID Connect endpoints OpenIddict hands to us: authorize (a signed-in person, by the sign-in page's
/// cookie) and token (codes and refresh tokens re-checked against the account; partners' client credentials).
/// Discovery, keys and the protocol's own checks (PKCE, redirect URIs, client secrets) are OpenIddict's.
/// </summary>
public static class ConnectApi
{
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string EndSessionPath = "/connect/endsession";

    public static IEndpointRouteBuilder MapConnectApi(this IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        connect.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        connect.MapPost(TokenPath, ExchangeAsync);
        connect.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], EndSessionAsync);
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, UserManager<Account> users, TimeProvider clock)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var signedInAt = SignedInAt.Of(cookie.Properties);
        if (!cookie.Succeeded || MustSignInAgain(request, signedInAt, clock.GetUtcNow()))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "Nobody is signed in.");
            }

            // A fresh sign-in is asked for: the session that is there must not answer it. It ends here, so the way back
            // (which no longer asks for one) finds nobody signed in until the password has been given.
            if (cookie.Succeeded)
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            }

            // To the sign-in page, and back here with the same request once the person has signed in.
            return SignInFirst(context, request);
        }

        var account = await users.GetUserAsync(cookie.Principal);
        if (account is null || account.IsDisabled)
        {
            // The provider's own session outlived its account (erased, or disabled by staff): it ends here, and the
            // person is asked to sign in again — as someone else, or to be told at the page why they cannot.
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "The account is not available.");
            }

            return SignInFirst(context, request);
        }

        // Our clients are our own apps: the person consents by signing in (no consent screen).
        var principal = AccountPrincipal.For(account, await users.GetRolesAsync(account), request.GetScopes(), signedInAt);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// The client asks for a fresh sign-in: <c>prompt=login</c>, or a <c>max_age</c> the provider's session is older than
    /// (OpenID Connect Core 3.1.2.1).
    /// </summary>
    private static bool MustSignInAgain(OpenIddictRequest request, DateTimeOffset? signedInAt, DateTimeOffset now) =>
        request.HasPromptValue(PromptValues.Login)
        || request.MaxAge is 0
        || (request.MaxAge is { } maxAge && (signedInAt is null || now - signedInAt.Value > TimeSpan.FromSeconds(maxAge)));

    /// <summary>
    /// To the sign-in page, and back to this same authorization request once the person has signed in. The way back
    /// no longer asks for a fresh sign-in (<c>prompt=login</c>, <c>max_age=0</c>): the person has just given one, and
    /// asking again would send them round to the sign-in page for ever. A <c>max_age</c> above zero stays: the new
    /// session is younger than any of them.
    /// </summary>
    private static IResult SignInFirst(HttpContext context, OpenIddictRequest request)
    {
        var parameters = (context.Request.HasFormContentType ? context.Request.Form.AsEnumerable() : context.Request.Query)
            .Where(p => p.Key is not (Parameters.Prompt or Parameters.MaxAge))
            .ToList();
        var prompt = string.Join(' ', request.GetPromptValues().Remove(PromptValues.Login));
        if (prompt.Length > 0)
        {
            parameters.Add(KeyValuePair.Create(Parameters.Prompt, new Microsoft.Extensions.Primitives.StringValues(prompt)));
        }

        if (request.MaxAge is > 0)
        {
            parameters.Add(KeyValuePair.Create(Parameters.MaxAge, new Microsoft.Extensions.Primitives.StringValues(
                request.MaxAge.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        var back = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters);
        return Results.Challenge(new AuthenticationProperties { RedirectUri = back }, [IdentityConstants.ApplicationScheme]);
    }

    private static async Task<IResult> ExchangeAsync(HttpContext context, UserManager<Account> users, IOpenIddictApplicationManager applications)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has checked the client's secret; what it may do comes from its registration.
            var application = await applications.FindByClientIdAsync(request.ClientId!)
                ?? throw new InvalidOperationException("The client was authenticated but cannot be found.");
            var properties = await applications.GetPropertiesAsync(application);
            var roles = properties.TryGetValue(ClientProperties.Roles, out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
            var organisation = properties.TryGetValue(ClientProperties.Organisation, out var o) ? o.GetString() : null;
            var principal = AccountPrincipal.ForClient(request.ClientId!, await applications.GetDisplayNameAsync(application), roles, organisation, request.GetScopes());
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var account = granted.Principal?.GetClaim(Claims.Subject) is { } subject && Guid.TryParse(subject, out var id)
                ? await users.FindByIdAsync(id.ToString())
                : null;

            // A token outlives nothing that happened since: a disabled account, or revoked roles. A lockout is not one of
            // them: it stops password guessing at the sign-in page, and anyone can cause one by guessing on purpose; it
            // must not end the sessions the person already has.
            if (account is null || account.IsDisabled)
            {
                return Refuse(Errors.InvalidGrant, "The account can no longer sign in.");
            }

            var principal = AccountPrincipal.For(account, await users.GetRolesAsync(account), granted.Principal!.GetScopes(),
                AccountPrincipal.SignedInAt(granted.Principal!));
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Refuse(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static async Task<IResult> EndSessionAsync(HttpContext context, SignInManager<Account> signIn)
    {
        await signIn.SignOutAsync();
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}

/// <summary>What a client's registration says beyond OAuth: the roles it acts with and its organisation.</summary>
public static class ClientProperties
{
    public const string Roles = "community_roles";
    public const string Organisation = "community_org";
}
