using Community.Identity.Accounts;
using Community.Identity.Activation;
using Community.Identity.Connect;
using Community.Identity.Data;
using Community.Identity.Erasure;
using Community.Identity.Keys;
using Community.Identity.Partners;
using Community.Identity.Seeding;
using Community.Identity.SignIn;
using Community.Messaging;
using Community.Messaging.Operations;
using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Community.Identity;

/// <summary>The identity provider's parts: accounts on ASP.NET Core Identity, and OpenIddict's server on top.</summary>
public static class IdentityModule
{
    public static IHostApplicationBuilder AddIdentityProvider(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AccountsDbContext>("identitydb");
        // An erasure request goes out to every service through the outbox; their answers come back to the inbox.
        builder.AddServiceMessaging<AccountsDbContext>("identity", bus => bus.AddConsumer<PersonDataErasedConsumer>());

        builder.Services.AddIdentity<Account, IdentityRole<Guid>>(PasswordRules.Apply)
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = SignInPage.Path;
            cookie.Cookie.Name = "community.identity";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.Events.OnSigningIn = SignedInAt.OnSigningIn;
        });
        // The services' bearer tokens stay the default for the API; the cookie is only the provider's own session.
        builder.Services.Configure<AuthenticationOptions>(auth =>
        {
            auth.DefaultScheme = JwtBearerDefaults.AuthenticationScheme;
            auth.DefaultAuthenticateScheme = JwtBearerDefaults.AuthenticationScheme;
            auth.DefaultChallengeScheme = JwtBearerDefaults.AuthenticationScheme;
            auth.DefaultForbidScheme = JwtBearerDefaults.AuthenticationScheme;
            auth.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            auth.DefaultSignOutScheme = IdentityConstants.ApplicationScheme;
        });
        builder.Services.AddAntiforgery();
        // Reached through the gateway, the provider answers in the gateway's terms: its sign-in redirects and the
        // endpoints in its discovery document name the address the browser used. Only loopback proxies are believed
        // (the gateway runs beside it); the issuer in tokens stays Identity:Issuer, what the services validate.
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto |
                ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix);

        builder.Services.Configure<KeyOptions>(builder.Configuration.GetSection(KeyOptions.Section));
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ProviderKeysSetup>();
        var issuer = builder.Configuration["Identity:Issuer"];
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AccountsDbContext>().ReplaceDefaultEntities<Guid>())
            .AddServer(server =>
            {
                if (!string.IsNullOrWhiteSpace(issuer))
                {
                    server.SetIssuer(new Uri(issuer));
                }

                server.SetAuthorizationEndpointUris(ConnectApi.AuthorizePath.TrimStart('/'))
                    .SetTokenEndpointUris(ConnectApi.TokenPath.TrimStart('/'))
                    .SetEndSessionEndpointUris(ConnectApi.EndSessionPath.TrimStart('/'));
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, AccountPrincipal.ApiScope);
                server.SetAccessTokenLifetime(TimeSpan.FromMinutes(30))
                    .SetRefreshTokenLifetime(TimeSpan.FromDays(14));
                // The services validate access tokens themselves from the published keys: signed, not encrypted.
                server.DisableAccessTokenEncryption();

                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (!builder.Configuration.GetValue("Identity:RequireHttps", false))
                {
                    // Local mode and tests run on plain HTTP behind the gateway; production sets Identity:RequireHttps.
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });

        builder.Services.AddScoped<RoleChanges>();
        builder.Services.AddHostedService<ProviderSeeder>();
        builder.AddServiceOpenApi("identity", "Community — Identity",
            "Accounts, linking a person's records, acting on someone's behalf with consent, and partner clients.");
        return builder;
    }

    public static WebApplication MapIdentityProvider(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapOpenApi().AllowAnonymous();
        app.MapSignInPage();
        app.MapConnectApi();
        var api = app.MapApi();
        api.MapAccountsApi();
        api.MapActivationApi();
        api.MapPartnerClientsApi();
        api.MapErasureApi();
        app.MapMessagingOperations();
        return app;
    }
}
