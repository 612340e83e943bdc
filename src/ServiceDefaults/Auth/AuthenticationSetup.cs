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

                if (!string.IsNullOrWhiteSpace(options.Authority))
                {
                    jwt.Authority = options.Authority;
                    jwt.RequireHttpsMetadata = options.Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                    return;
                }

                if (string.IsNullOrWhiteSpace(options.SigningKey))
                {
                    throw new InvalidOperationException(
                        "No way to validate tokens: set Auth:SigningKey (the AppHost does) or Auth:Authority.");
                }

                jwt.TokenValidationParameters.ValidIssuer = options.Issuer;
                jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey));
            });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddCommunityPolicies();
        return builder;
    }
}
