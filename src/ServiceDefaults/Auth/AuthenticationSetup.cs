using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Community.ServiceDefaults.Auth;

public static class AuthenticationSetup
{
    /// <summary>
    /// JWT bearer authentication with the identity provider's tokens; every endpoint requires an authenticated
    /// caller unless it opts out (health probes, OpenAPI documents). Production code trusts no other signer: tests
    /// that mint their own tokens add that trust in the test host.
    /// </summary>
    public static TBuilder AddCommunityAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var authority = string.IsNullOrWhiteSpace(options.Authority)
            ? throw new InvalidOperationException("No way to validate tokens: set Auth:Authority to the identity provider (the AppHost does).")
            : options.Authority;

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                // The same validation, with each valid token remembered until it expires (at most five minutes).
                jwt.TokenHandlers.Clear();
                // Claim names stay as the provider wrote them ("sub", "role"). Set on the handler itself: the options'
                // MapInboundClaims reaches only the handler they made, which is gone.
                jwt.TokenHandlers.Add(new RememberingTokenHandler(TimeProvider.System) { MapInboundClaims = false });
                jwt.MapInboundClaims = false;
                jwt.Audience = options.Audience;
                jwt.TokenValidationParameters.NameClaimType = CommunityClaims.Name;
                jwt.TokenValidationParameters.RoleClaimType = CommunityClaims.Role;
                jwt.TokenValidationParameters.ValidAudience = options.Audience;
                // Every action is someone's: a token that names nobody is refused, never treated as "unknown".
                jwt.Events = new JwtBearerEvents
                {
                    // A WebSocket from a browser cannot carry headers: live hubs (…/hubs/…) take the token from the query string.
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"].ToString();
                        if (token.Length > 0 && context.Request.Path.Value?.Contains("/hubs/", StringComparison.Ordinal) == true)
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst(CommunityClaims.Subject)?.Value))
                        {
                            context.Fail("The token has no subject.");
                        }

                        return Task.CompletedTask;
                    },
                };

                // Issuer and keys come from the provider's discovery document, refreshed as it rotates keys.
                jwt.Authority = authority;
                jwt.RequireHttpsMetadata = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddCommunityPolicies();
        return builder;
    }
}
