using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Community.Web.SignIn;

/// <summary>
/// Signing in: OpenID Connect against the platform's identity provider (authorization code with PKCE, a
/// confidential client), tokens kept on the server, a cookie in the browser.
/// </summary>
public static class WebSignIn
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string SignInFailedPath = "/signin-failed";

    public static IHostApplicationBuilder AddWebSignIn(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ServerTicketStore>();
        builder.Services.AddSingleton<TokenRefresh>();
        // A renewal waits on the page being drawn: a provider that does not answer within 10 s is treated as unreachable.
        var direct = Backchannel(options);
        var refresh = builder.Services.AddHttpClient(nameof(TokenRefresh), http => http.Timeout = TimeSpan.FromSeconds(10));
        if (direct is not null)
        {
            refresh.AddHttpMessageHandler(() => direct());
        }

        builder.Services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, UseServerTicketStore>();
        builder.Services.AddAuthentication(auth =>
            {
                auth.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                auth.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "community";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.AccessDeniedPath = "/forbidden";
                cookie.Events.OnValidatePrincipal = context =>
                    context.HttpContext.RequestServices.GetRequiredService<TokenRefresh>().ValidateAsync(context);
            })
            .AddOpenIdConnect(oidc =>
            {
                oidc.Authority = options.Authority;
                if (direct is not null)
                {
                    var handler = direct();
                    handler.InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
                    oidc.BackchannelHttpHandler = handler;
                }

                oidc.RequireHttpsMetadata = options.Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                oidc.ClientId = options.ClientId;
                oidc.ClientSecret = options.ClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                oidc.UsePkce = true;
                oidc.SaveTokens = true;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "roles", "api", "offline_access" })
                {
                    oidc.Scope.Add(scope);
                }

                if (!oidc.RequireHttpsMetadata)
                {
                    // Local mode runs on plain http (same site: localhost, other ports). The default correlation and nonce
                    // cookies are Secure + SameSite=None, which only a browser's localhost exception lets through; without
                    // TLS they are sent on the way back only as Lax cookies of the same scheme.
                    foreach (var cookie in new[] { oidc.CorrelationCookie, oidc.NonceCookie })
                    {
                        cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                        cookie.SameSite = SameSiteMode.Lax;
                    }
                }

                // A sign-in that does not complete (an old tab, a cookie lost) ends on a page that says so, not a 500.
                oidc.Events.OnRemoteFailure = context =>
                {
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebSignIn))
                        .LogWarning(context.Failure, "A sign-in did not complete: {Reason}", context.Failure?.Message);
                    context.Response.Redirect(SignInFailedPath);
                    context.HandleResponse();
                    return Task.CompletedTask;
                };

                // Elder mode chosen on another browser follows the person here.
                oidc.Events.OnTokenValidated = context => ElderMode.AdoptAccountChoiceAsync(context.HttpContext, context.TokenEndpointResponse?.AccessToken);

                oidc.TokenValidationParameters.NameClaimType = CommunityClaims.Name;
                oidc.TokenValidationParameters.RoleClaimType = CommunityClaims.Role;
                // Signing out at the provider too, then back to this app's front page.
                oidc.Events.OnRedirectToIdentityProviderForSignOut = context =>
                {
                    context.ProtocolMessage.PostLogoutRedirectUri = $"{context.Request.Scheme}://{context.Request.Host}/";
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorizationBuilder().AddCommunityPolicies();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHttpContextAccessor();
        return builder;
    }

    /// <summary>
    /// The handler that sends the back channel straight to the provider, when the web app knows its address. A provider
    /// reached over plain http while the authority is https would carry the client secret in the clear (and a provider
    /// requiring https would refuse it): refused at start.
    /// </summary>
    private static Func<ProviderBackchannel>? Backchannel(WebOptions options)
    {
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || !Uri.TryCreate(options.Provider, UriKind.Absolute, out var provider))
        {
            return null;
        }

        if (authority.Scheme == Uri.UriSchemeHttps && provider.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"Web:Provider ({provider}) must be https, as Web:Authority ({authority}) is.");
        }

        return () => new ProviderBackchannel(authority, provider);
    }

    public static IEndpointRouteBuilder MapWebSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(SignInPath, (string? returnUrl) => Results.Challenge(
            new AuthenticationProperties { RedirectUri = LocalUrl.IsLocal(returnUrl) ? returnUrl : "/" }, [OpenIdConnectDefaults.AuthenticationScheme]));
        app.MapPost(SignOutPath, () => Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        return app;
    }
}
