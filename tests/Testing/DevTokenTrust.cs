using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Community.Testing;

/// <summary>
/// Makes a process hosted in a test trust tokens minted by <see cref="DevTokens"/>. Production code trusts only
/// the identity provider (by its discovery document at <c>Auth:Authority</c>); this trust exists in test hosts only.
/// </summary>
public static class DevTokenTrust
{
    /// <summary>
    /// What a host with no provider puts in <c>Auth:Authority</c> (production code requires one): a name that never
    /// resolves, so a discovery fetch that should not happen fails loudly instead of reaching something.
    /// </summary>
    public const string NoProvider = "http://no-identity-provider.invalid/";

    /// <summary>
    /// Trust minted tokens instead of a provider: no authority, no metadata address, no configuration manager —
    /// nothing is fetched. Use <c>Configure</c>, not <c>PostConfigure</c>: JwtBearer's own post-configuration
    /// decides from the authority whether to build the client that fetches discovery documents.
    /// </summary>
    public static IServiceCollection TrustDevTokensOnly(this IServiceCollection services, string signingKey) =>
        services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.Authority = null;
            jwt.MetadataAddress = null!;
            jwt.Configuration = null;
            jwt.ConfigurationManager = null;
            jwt.TokenValidationParameters.ValidIssuers = [DevTokens.Issuer];
            jwt.TokenValidationParameters.IssuerSigningKeys = [Key(signingKey)];
        });

    /// <summary>
    /// Trust minted tokens beside the provider named in <c>Auth:Authority</c> (its issuer and keys are added to
    /// these when its discovery document is read), for tests that host the provider too.
    /// </summary>
    public static IServiceCollection TrustDevTokensBesideProvider(this IServiceCollection services, string signingKey) =>
        services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.TokenValidationParameters.ValidIssuers = [.. jwt.TokenValidationParameters.ValidIssuers ?? [], DevTokens.Issuer];
            jwt.TokenValidationParameters.IssuerSigningKeys = [.. jwt.TokenValidationParameters.IssuerSigningKeys ?? [], Key(signingKey)];
        });

    /// <summary>For a <c>WebApplicationFactory</c> of a process that has no provider in the test (the gateway).</summary>
    public static IWebHostBuilder TrustDevTokensOnly(this IWebHostBuilder web, string signingKey) =>
        web.UseSetting("Auth:Authority", NoProvider)
            .ConfigureTestServices(services => services.TrustDevTokensOnly(signingKey));

    private static SymmetricSecurityKey Key(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));
}
