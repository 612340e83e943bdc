using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Community.Testing;

namespace Community.EndToEnd.Tests;

/// <summary>
/// The whole system as the AppHost starts it in local mode — the machine's PostgreSQL and RabbitMQ as
/// executables, the identity provider, the three services and the gateway — on a throw-away data folder and free
/// ports. People sign in at the provider through the gateway, as any client would: nothing here mints a token.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    /// <summary>The administrator local mode seeds (src/Identity/Seeding/DemoAccounts.cs); it makes everyone else's account.</summary>
    public const string AdminPhone = "13800000005";
    public const string DemoPassword = "community-demo";

    /// <summary>How long an urgent request has before it escalates in these tests (about 5 s).</summary>
    public const double UrgentDueHours = 0.0015;
    /// <summary>Processes of each back-end service in this run.</summary>
    public const int Replicas = 2;
    /// <summary>
    /// How long the whole system may take to become healthy. It starts beside the other test assemblies on two cores;
    /// on a fresh machine (first JIT, first PostgreSQL and RabbitMQ start, cold disk) that took over 5 minutes once,
    /// against 2.5 alone. Only a hung start should fail here.
    /// </summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(15);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("community-e2e-").FullName;
    private readonly string _rabbitNode = $"e2e-{Guid.NewGuid():N}"[..16] + "@localhost";

    /// <summary>The AppHost's data folder (secrets, backups) for this run.</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>The port the local PostgreSQL server listens on in this run.</summary>
    public int PostgresPort { get; } = FreePorts.Next();

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Makes new people at the provider and signs them in, through the gateway.</summary>
    public People People { get; private set; } = null!;

    public TimeSpan StartedIn { get; private set; }

    public async Task InitializeAsync()
    {
        // The servers run as the postgres and rabbitmq users, which must reach their folders.
        File.SetUnixFileMode(_dataDirectory, (UnixFileMode)0b111_101_101);
        var clock = Stopwatch.StartNew();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            "--Infrastructure:Mode=local",
            $"--Infrastructure:DataDirectory={_dataDirectory}",
            $"--Infrastructure:Postgres:Port={PostgresPort}",
            "--Infrastructure:Postgres:Durable=false",
            $"--Infrastructure:RabbitMq:Port={FreePorts.Next()}",
            $"--Infrastructure:RabbitMq:ManagementPort={FreePorts.Next()}",
            $"--Infrastructure:RabbitMq:DistributionPort={FreePorts.Next()}",
            $"--Infrastructure:RabbitMq:NodeName={_rabbitNode}",
            // Every back-end service twice, as a production set-up would run it: what these tests prove holds with two.
            $"--Services:Replicas={Replicas}",
        ]);
        // Urgent requests fall due within seconds here, so story 2 can watch one escalate.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "grid"))
            .WithEnvironment("Requests__UrgentHours", UrgentDueHours.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Requests__CheckEvery", "00:00:01");
        // Every person these tests sign in comes from this one address, a few sign-ins a test: the front door's
        // per-address bucket (for anonymous callers such as sign-in pages) is widened; per-account limits stay.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "gateway"))
            // The door listens on its port itself (not behind the orchestrator's proxy): a free one, not ./run.sh's 5200.
            .WithEndpoint("http", endpoint => endpoint.Port = FreePorts.Next())
            .WithEnvironment("RateLimits__PerAddress__PerSecond", "200")
            .WithEnvironment("RateLimits__PerAddress__Burst", "400");
        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await App.StartAsync(timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("web", timeout.Token);
        People = new People(Gateway, (AdminPhone, DemoPassword));
        StartedIn = clock.Elapsed;
    }

    public Uri Gateway => App.GetEndpoint("gateway", "http");

    /// <summary>A new person holding <paramref name="roles"/>, signed in at the provider; their client talks to the gateway.</summary>
    public Task<People.Person> SignedInAsync(string displayName, params string[] roles) => People.NewAsync(displayName, roles);

    /// <summary>The running processes of <paramref name="service"/>: each replica's resource id and process id.</summary>
    public async Task<IReadOnlyList<(string ResourceId, int Pid)>> ReplicasAsync(string service)
    {
        var replicas = new Dictionary<string, int>();
        using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            // The watch replays every resource's current state first.
            await foreach (var change in App.ResourceNotifications.WatchAsync(enough.Token))
            {
                var pid = change.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
                if (change.Resource.Name == service && change.Snapshot.State?.Text == KnownResourceStates.Running && pid is not null)
                {
                    replicas[change.ResourceId] = Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture);
                    if (replicas.Count == Replicas)
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return [.. replicas.Select(r => (r.Key, r.Value))];
    }

    /// <summary>A superuser connection string to <paramref name="database"/> on this run's PostgreSQL server.</summary>
    public async Task<string> DatabaseConnectionStringAsync(string database)
    {
        var password = (await File.ReadAllTextAsync(Path.Combine(DataDirectory, "secrets", "postgres-password"))).Trim();
        return $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Password={password};Database={database}";
    }

    /// <summary>A client of the gateway with no token.</summary>
    public HttpClient Anonymous() => People.ApiClient(null);

    public async Task DisposeAsync()
    {
        People?.Dispose();
        await App.DisposeAsync();
        // Belt and braces: a node the orchestrator failed to stop must not outlive the test run.
        Process.Start("pkill", ["-f", "--", $"-sname {_rabbitNode}"])?.WaitForExit();
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

/// <summary>Every end-to-end class shares one running system; starting it takes most of the test time.</summary>
[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "system";
}
