using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Community.ServiceDefaults.Auth;
using Community.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Community.Bench;

/// <summary>
/// What the identity provider costs: the validation of its tokens on every request (the same GET with and
/// without authentication, in one process, with the services' own authentication set-up trusting the provider
/// by its discovery document), and sign-ins per second — with a GET through the gateway measured meanwhile, to
/// see whether password hashing starves other requests.
/// </summary>
internal static class IdentityBenchmarks
{
    private const string StaffPhone = "13800000003";
    private const string DemoPassword = "community-demo";

    public static async Task SignInAndValidationAsync(SystemUnderTest system)
    {
        var provider = system.App.GetEndpoint("identity", "http");
        using var browser = Browser(provider);
        var tokens = await OidcSignIn.SignInAsync(browser, StaffPhone, DemoPassword);

        // 1. Token validation: /open and /closed differ only in the authentication of a provider-signed token.
        var port = FreePorts.Next();
        await using var probe = await ProbeAsync(provider, port);
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        Func<Task<bool>> open = async () => (await client.GetAsync("/open")).IsSuccessStatusCode;
        Func<Task<bool>> closed = async () => (await client.GetAsync("/closed")).IsSuccessStatusCode;
        if (!await closed())
        {
            throw new InvalidOperationException("The probe refused the provider's token.");
        }

        for (var round = 0; round < 2; round++)
        {
            await Load.SaturateAsync("warm-up open", open, 16, TimeSpan.FromSeconds(5));
            await Load.SaturateAsync("warm-up closed", closed, 16, TimeSpan.FromSeconds(5));
        }

        var validation = new List<LoadResult>
        {
            await Load.FixedRateAsync("GET without auth, 200 req/s", open, 200, TimeSpan.FromSeconds(15)),
            await Load.FixedRateAsync("GET with provider token, 200 req/s", closed, 200, TimeSpan.FromSeconds(15)),
            await Load.SaturateAsync("GET without auth, saturation (16)", open, 16, TimeSpan.FromSeconds(10)),
            await Load.SaturateAsync("GET with provider token, sat. (16)", closed, 16, TimeSpan.FromSeconds(10)),
        };
        Console.WriteLine();
        Console.WriteLine("Token authentication (RS256, keys from the provider's JWKS; one token replayed, so after its first request " +
            "the service takes it from memory), the same GET with and without it:");
        Load.Print(validation);
        Console.WriteLine($"p99 added by validation at 200 req/s: {validation[1].P99Ms - validation[0].P99Ms:0.00} ms; p50 added: {validation[1].P50Ms - validation[0].P50Ms:0.00} ms; " +
            $"saturation ratio with/without: {validation[3].Throughput / validation[2].Throughput:0.00}");

        // 2. Sign-ins: whole code flows with PKCE (one password hash each), while a GET runs through the gateway.
        var gateway = new HttpClient { BaseAddress = system.App.GetEndpoint("gateway", "http") };
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        Func<Task<bool>> read = async () => (await gateway.GetAsync("/api/grid/compounds")).IsSuccessStatusCode;
        Func<Task<bool>> signIn = async () =>
        {
            using var person = Browser(provider);
            return !string.IsNullOrEmpty((await OidcSignIn.SignInAsync(person, StaffPhone, DemoPassword)).AccessToken);
        };

        await Load.SaturateAsync("warm-up sign-in", signIn, 2, TimeSpan.FromSeconds(5));
        await Load.SaturateAsync("warm-up GET", read, 4, TimeSpan.FromSeconds(5));
        var alone = await Load.FixedRateAsync("GET via gateway alone, 20 req/s", read, 20, TimeSpan.FromSeconds(15));
        var signIns = Load.SaturateAsync("sign-ins (code+PKCE), 4 at a time", signIn, 4, TimeSpan.FromSeconds(15));
        var meanwhile = Load.FixedRateAsync("GET via gateway during sign-ins", read, 20, TimeSpan.FromSeconds(15));
        var results = new List<LoadResult> { alone, await signIns, await meanwhile };
        Console.WriteLine();
        Console.WriteLine("Sign-in throughput, and a GET through the gateway alone and during the sign-ins:");
        Load.Print(results);
        Console.WriteLine($"sign-ins/s: {results[1].Throughput:0.0}; GET p99 during / alone: {results[2].P99Ms / Math.Max(0.01, results[0].P99Ms):0.00}");
    }

    private static HttpClient Browser(Uri provider) => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = provider,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static async Task<WebApplication> ProbeAsync(Uri provider, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Auth:Authority"] = provider.ToString();
        builder.AddCommunityAuthentication();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/open", () => Results.Text("ok")).AllowAnonymous();
        app.MapGet("/closed", () => Results.Text("ok"));
        await app.StartAsync();
        return app;
    }
}
