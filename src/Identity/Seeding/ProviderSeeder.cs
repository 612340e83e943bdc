using System.Text.Json;
using Community.Identity.Accounts;
using Community.Identity.Connect;
using Community.Identity.Data;
using Community.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Community.Identity.Seeding;

/// <summary>
/// What the provider needs before anyone signs in: the six roles and the platform's own public client
/// (authorization code with PKCE, for the command line and the README's curl walk-through); in local mode also
/// the demo accounts and a demo partner client. Runs after the migrations; each step only adds what is missing.
/// </summary>
internal sealed partial class ProviderSeeder(IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<ProviderSeeder> logger)
    : IHostedService
{
    public const string CliClientId = "community-cli";
    public static readonly Uri CliRedirectUri = new("http://127.0.0.1/callback");
    public const string WebClientId = "community-web";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(CliClientId, cancellationToken) is null)
        {
            await applications.CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = CliClientId,
                ClientType = ClientTypes.Public,
                ApplicationType = ApplicationTypes.Native,
                DisplayName = "Community command line",
                RedirectUris = { CliRedirectUri },
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.Endpoints.EndSession,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.GrantTypes.RefreshToken,
                    Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Profile,
                    Permissions.Scopes.Roles,
                    Permissions.Prefixes.Scope + AccountPrincipal.ApiScope,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            }, cancellationToken);
        }

        await SeedWebClientAsync(applications, cancellationToken);

        if (configuration.GetValue<bool>("Identity:SeedDemoAccounts"))
        {
            await SeedDemoAsync(scope.ServiceProvider, applications, cancellationToken);
        }
    }

    /// <summary>
    /// The web app (a confidential client: code flow with PKCE, its secret from configuration), at the address the
    /// AppHost gives it. Updated on every start, so a new port or a rotated secret takes effect.
    /// </summary>
    private async Task SeedWebClientAsync(IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var address = configuration["Identity:WebClient:Address"];
        var secret = configuration["Identity:WebClient:Secret"];
        if (string.IsNullOrWhiteSpace(address) || string.IsNullOrWhiteSpace(secret))
        {
            return;
        }

        var root = new Uri(address.TrimEnd('/') + "/");
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = WebClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            ApplicationType = ApplicationTypes.Web,
            DisplayName = "阳城贵都社区 网页",
            RedirectUris = { new Uri(root, "signin-oidc") },
            PostLogoutRedirectUris = { root },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Roles,
                Permissions.Prefixes.Scope + AccountPrincipal.ApiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        if (await applications.FindByClientIdAsync(WebClientId, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }

    private async Task SeedDemoAsync(IServiceProvider scoped, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var users = scoped.GetRequiredService<UserManager<Account>>();
        var db = scoped.GetRequiredService<AccountsDbContext>();
        foreach (var (phone, displayName, role) in DemoAccounts.All)
        {
            if (await users.FindByNameAsync(phone) is not null)
            {
                continue;
            }

            var account = Account.Create(phone, displayName, time.GetUtcNow());
            var created = await users.CreateAsync(account, DemoAccounts.Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {phone}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }

            await users.AddToRoleAsync(account, role);
            db.RoleChanges.Add(RoleChange.Granted(account.Id, role, "local demo seed", "demo account", time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            LogDemo(phone, role);
        }

        if (await applications.FindByClientIdAsync(DemoAccounts.PartnerClientId, cancellationToken) is null)
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = DemoAccounts.PartnerClientId,
                ClientSecret = DemoAccounts.PartnerClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = "示例共建单位",
                Permissions =
                {
                    Permissions.Endpoints.Token,
                    Permissions.GrantTypes.ClientCredentials,
                    Permissions.Prefixes.Scope + AccountPrincipal.ApiScope,
                },
            };
            descriptor.Properties[ClientProperties.Roles] = JsonSerializer.SerializeToElement(new[] { Roles.Partner });
            descriptor.Properties[ClientProperties.Organisation] = JsonSerializer.SerializeToElement(DemoAccounts.PartnerOrganisationId);
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Local mode: demo account {Phone} with role {Role} created (password in the README).")]
    private partial void LogDemo(string phone, string role);
}
