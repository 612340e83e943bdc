using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Community.ServiceDefaults.Auth;

public static class AuthenticationSetup
{
    /// <summary>
    /// JWT bearer authentication; every endpoint requires an authenticated caller unless it opts out
    /// (health probes, OpenAPI documents).
    /// </summary>
    public static TBuilder AddCommunityAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.Audience = options.Audience;
                jwt.TokenValidationParameters.NameClaimType = CommunityClaims.Name;
                jwt.TokenValidationParameters.RoleClaimType = CommunityClaims.Role;
                jwt.TokenValidationParameters.ValidAudience = options.Audience;
                // Every action is someone's: a token that names nobody is refused, never treated as "unknown".
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst(CommunityClaims.Subject)?.Value))
                        {
                            context.Fail("The token has no subject.");
                        }

                        return Task.CompletedTask;
                    },
                };

                var authority = !string.IsNullOrWhiteSpace(options.Authority);
                if (authority)
                {
                    // Issuer and keys come from the provider's discovery document, refreshed as it rotates keys.
                    jwt.Authority = options.Authority;
                    jwt.RequireHttpsMetadata = options.Authority!.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                }

                if (!string.IsNullOrWhiteSpace(options.SigningKey))
                {
                    // Beside the provider (its issuer and keys are added to these), tokens minted with the shared key
                    // for tests and ./token.sh are trusted until they too come from the provider.
                    jwt.TokenValidationParameters.ValidIssuers = [options.Issuer];
                    jwt.TokenValidationParameters.IssuerSigningKeys = [new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey))];
                }
                else if (!authority)
                {
                    throw new InvalidOperationException(
                        "No way to validate tokens: set Auth:Authority (the AppHost points it at the identity provider).");
                }
            });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddCommunityPolicies();
        return builder;
    }
}
