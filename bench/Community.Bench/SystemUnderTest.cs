using System.Net.Http.Headers;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Community.ServiceDefaults.Auth;
using Community.Testing;

namespace Community.Bench;

/// <summary>The whole system started by the AppHost in local mode on a throw-away data folder, as the tests do.</summary>
public sealed class SystemUnderTest : IAsyncDisposable
{
    public const string SigningKey = "benchmark-signing-key-long-enough-for-hmac-sha256";
    private readonly string _dataDirectory;

    private SystemUnderTest(DistributedApplication app, string dataDirectory)
    {
        App = app;
        _dataDirectory = dataDirectory;
    }

    public DistributedApplication App { get; }

    public static async Task<SystemUnderTest> StartAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("community-bench-").FullName;
        File.SetUnixFileMode(dataDirectory, (UnixFileMode)0b111_101_101);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            "--Infrastructure:Mode=local",
            $"--Infrastructure:DataDirectory={dataDirectory}",
            $"--Infrastructure:Postgres:Port={FreePorts.Next()}",
            $"--Infrastructure:RabbitMq:Port={FreePorts.Next()}",
            $"--Infrastructure:RabbitMq:ManagementPort={FreePorts.Next()}",
            $"--Infrastructure:RabbitMq:DistributionPort={FreePorts.Next()}",
            $"--Infrastructure:RabbitMq:NodeName=bench-{Guid.NewGuid():N}"[..40] + "@localhost",
            $"--Auth:SigningKey={SigningKey}",
            // Benchmarks measure the system, not its console.
            "--Logging:LogLevel:Default=Warning",
        ]);
        // The front door's per-account limit would refuse the load itself; the benchmarks measure the system behind it.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "gateway"))
            .WithEnvironment("RateLimits__PerAccount__PerSecond", "1000000")
            .WithEnvironment("RateLimits__PerAccount__Burst", "1000000");
        var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
        return new SystemUnderTest(app, dataDirectory);
    }

    public HttpClient Client(string resource, string role)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = App.GetEndpoint(resource, "http"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Mint(SigningKey, [role]));
        return client;
    }

    public async Task<string> ConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"No connection string for {resource}.");

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
