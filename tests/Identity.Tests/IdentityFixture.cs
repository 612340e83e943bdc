using Community.Identity.Data;
using Community.Identity.Seeding;
using Community.Services.Grid.Data;
using Community.Testing;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Identity.Tests;

/// <summary>
/// The identity provider on its own fresh database, with the demo accounts seeded, and the Grid service
/// trusting it by its discovery document — both in this process, the service reaching the provider through
/// the provider's in-memory server as it would over HTTP.
/// </summary>
public sealed class IdentityFixture : IAsyncLifetime
{
    public const string Issuer = "http://localhost/";

    public ServiceHost<AccountsDbContext> Provider { get; private set; } = null!;

    public ServiceHost<GridDbContext> Grid { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await SharedInfrastructure.GetAsync();
        var broker = await infrastructure.RabbitMq.NewVirtualHostAsync();
        Provider = new ServiceHost<AccountsDbContext>("identitydb", infrastructure.Postgres.NewDatabase("identity"), broker,
            new Dictionary<string, string?>
            {
                ["Identity:Issuer"] = Issuer,
                ["Identity:SeedDemoAccounts"] = "true",
                ["Auth:Authority"] = Issuer,
            },
            services => TrustProviderThrough(services, () => Provider.Server));
        await Provider.StartAsync();

        Grid = new ServiceHost<GridDbContext>("griddb", infrastructure.Postgres.NewDatabase("grid"), broker,
            new Dictionary<string, string?> { ["Auth:Authority"] = Issuer },
            services => TrustProviderThrough(services, () => Provider.Server));
        await Grid.StartAsync();
    }

    /// <summary>A browser: keeps cookies, does not follow redirects.</summary>
    public HttpClient Browser() => Provider.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<OidcSignIn.Tokens> SignInAsync(string phone, string password)
    {
        using var browser = Browser();
        return await OidcSignIn.SignInAsync(browser, phone, password);
    }

    /// <summary>Signs the demo account holding <paramref name="role"/> in (seeded in this fixture as in local mode).</summary>
    public Task<OidcSignIn.Tokens> SignInAsDemoAsync(string role) =>
        SignInAsync(DemoAccounts.All.Single(a => a.Role == role).Phone, DemoAccounts.Password);

    /// <summary>A client of the provider's own API, signed in as the demo account holding <paramref name="role"/>.</summary>
    public async Task<HttpClient> ApiAsDemoAsync(string role)
    {
        var tokens = await SignInAsDemoAsync(role);
        var client = Provider.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Grid.DisposeAsync();
        await Provider.DisposeAsync();
    }

    /// <summary>A provider and a Grid service of their own, for a test that stops the provider.</summary>
    public static async Task<(ServiceHost<AccountsDbContext> Provider, ServiceHost<GridDbContext> Grid)> StartPairAsync()
    {
        var infrastructure = await SharedInfrastructure.GetAsync();
        var broker = await infrastructure.RabbitMq.NewVirtualHostAsync();
        ServiceHost<AccountsDbContext>? provider = null;
        provider = new ServiceHost<AccountsDbContext>("identitydb", infrastructure.Postgres.NewDatabase("identity"), broker,
            new Dictionary<string, string?> { ["Identity:Issuer"] = Issuer, ["Identity:SeedDemoAccounts"] = "true", ["Auth:Authority"] = Issuer },
            services => TrustProviderThrough(services, () => provider!.Server));
        await provider.StartAsync();
        var grid = new ServiceHost<GridDbContext>("griddb", infrastructure.Postgres.NewDatabase("grid"), broker,
            new Dictionary<string, string?> { ["Auth:Authority"] = Issuer },
            services => TrustProviderThrough(services, () => provider.Server));
        await grid.StartAsync();
        return (provider, grid);
    }

    // Configure, not PostConfigure: the handler must be in place before JwtBearer's own post-configuration
    // builds the client that fetches the discovery document.
    private static void TrustProviderThrough(IServiceCollection services, Func<TestServer> provider) =>
        services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt => jwt.BackchannelHttpHandler = provider().CreateHandler());
}
