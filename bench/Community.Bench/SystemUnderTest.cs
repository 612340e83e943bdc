using System.Net.Http.Headers;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Community.Testing;

namespace Community.Bench;

/// <summary>
/// The whole system started by the AppHost in local mode on a throw-away data folder, as the tests do. Callers
/// are people signed in at the identity provider through the gateway (the local mode's admin makes their accounts).
/// </summary>
public sealed class SystemUnderTest : IAsyncDisposable
{
    private readonly string _dataDirectory;
    private readonly Dictionary<string, Task<People.Person>> _byRole = [];

    private SystemUnderTest(DistributedApplication app, string dataDirectory)
    {
        App = app;
        _dataDirectory = dataDirectory;
        People = new People(app.GetEndpoint("gateway", "http"), ("13800000005", "community-demo"));
    }

    public DistributedApplication App { get; }

    /// <summary>Makes and signs in new people (src/Identity/Seeding/DemoAccounts.cs names the admin who makes them).</summary>
    public People People { get; }

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
            // Benchmarks measure the system, not its console.
            "--Logging:LogLevel:Default=Warning",
            // BENCH_REPLICAS=2 bench/run.sh NAME: every back-end service twice.
            $"--Services:Replicas={Environment.GetEnvironmentVariable("BENCH_REPLICAS") ?? "1"}",
        ]);
        // The front door's per-account limit would refuse the load itself; the benchmarks measure the system behind it.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "gateway"))
            // The door listens on its port itself (not behind the orchestrator's proxy): a free one, not ./run.sh's 5200.
            .WithEndpoint("http", endpoint => endpoint.Port = FreePorts.Next())
            .WithEnvironment("RateLimits__PerAccount__PerSecond", "1000000")
            .WithEnvironment("RateLimits__PerAccount__Burst", "1000000")
            // ... and so would the per-address one, when hundreds of people sign in from this one address.
            .WithEnvironment("RateLimits__PerAddress__PerSecond", "1000000")
            .WithEnvironment("RateLimits__PerAddress__Burst", "1000000");
        // BENCH_NO_PROXY=1 bench/run.sh NAME: each service listens on its own port too, as it would on a server, so no
        // path, direct or through the door, crosses the orchestrator's endpoint proxy. By default the services stay
        // behind it, as ./run.sh runs them (and as every figure in bench/README.md before 2026-12-01 was measured).
        if (Environment.GetEnvironmentVariable("BENCH_NO_PROXY") == "1" && (Environment.GetEnvironmentVariable("BENCH_REPLICAS") ?? "1") != "1")
        {
            Console.WriteLine("BENCH_NO_PROXY is ignored with replicas: the orchestrator's proxy is what shares the work between them.");
        }
        else if (Environment.GetEnvironmentVariable("BENCH_NO_PROXY") == "1")
        {
            foreach (var service in builder.Resources.OfType<ProjectResource>().Where(r => r.Name is not ("gateway" or "web")).ToList())
            {
                builder.CreateResourceBuilder(service).WithEndpoint("http", endpoint =>
                {
                    endpoint.IsProxied = false;
                    endpoint.Port = FreePorts.Next();
                });
            }
        }

        // BENCH_SET="partners:Messaging__PrefetchCount=4;grid:X=Y" bench/run.sh NAME: one service's setting changed for a run.
        foreach (var setting in (Environment.GetEnvironmentVariable("BENCH_SET") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (resource, assignment) = (setting[..setting.IndexOf(':')], setting[(setting.IndexOf(':') + 1)..]);
            builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == resource))
                .WithEnvironment(assignment[..assignment.IndexOf('=')], assignment[(assignment.IndexOf('=') + 1)..]);
        }

        var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
        return new SystemUnderTest(app, dataDirectory);
    }

    /// <summary>
    /// Prints each of our processes' resident memory (VmRSS from /proc, one line a process: replicas apart) right after
    /// a storm and again once the processes have been idle long enough to hand back what the storm left
    /// (ServiceDefaults' IdleMemoryTrim looks every 5 s): what a service keeps once the load has passed (the issue's
    /// ceiling is 250 MB a service).
    /// </summary>
    public static async Task PrintResidentMemoryAsync()
    {
        PrintResidentMemory("right after the storm");
        await Task.Delay(TimeSpan.FromSeconds(30));
        PrintResidentMemory("30 s after the storm");
    }

    private static void PrintResidentMemory(string when)
    {
        var rows = new List<(string Name, long Kb, long AnonKb, long FileKb)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsDigit)))
        {
            try
            {
                var command = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                var ours = command.FirstOrDefault(part => part.Contains("/bin/Release/", StringComparison.Ordinal) &&
                    Path.GetFileName(part).StartsWith("Community.", StringComparison.Ordinal) && !part.Contains("Bench", StringComparison.Ordinal));
                if (ours is null)
                {
                    continue;
                }

                var status = File.ReadAllLines(Path.Combine(dir, "status"));
                long Kb(string field) => long.Parse(
                    status.First(line => line.StartsWith(field + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                    System.Globalization.CultureInfo.InvariantCulture);
                rows.Add((Path.GetFileName(ours).Replace(".dll", "", StringComparison.Ordinal).Replace("Community.", "", StringComparison.Ordinal),
                    Kb("VmRSS"), Kb("RssAnon"), Kb("RssFile")));
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Resident memory {when} (VmRSS)");
        // Anonymous memory is the process's own (GC heap, JIT'd code, native allocations); file-backed is mapped
        // assemblies and libraries, shared with every process mapping the same files.
        Console.WriteLine("| process | MB | anonymous MB | file-backed MB |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, kb, anon, file) in rows.OrderBy(r => r.Name))
        {
            Console.WriteLine($"| {name} | {kb / 1024.0:0} | {anon / 1024.0:0} | {file / 1024.0:0} |");
        }
    }

    /// <summary>
    /// A client of <paramref name="resource"/> (the gateway or a service directly) as a person holding
    /// <paramref name="role"/>: one person a role, made and signed in on first use (tokens last 30 minutes).
    /// </summary>
    public async Task<HttpClient> ClientAsync(string resource, string role)
    {
        Task<People.Person> person;
        lock (_byRole)
        {
            if (!_byRole.TryGetValue(role, out person!))
            {
                person = People.NewAsync($"bench {role}", role);
                _byRole[role] = person;
            }
        }

        return Client(resource, (await person).AccessToken);
    }

    /// <summary>A client of <paramref name="resource"/> carrying <paramref name="accessToken"/> (none: anonymous).</summary>
    public HttpClient Client(string resource, string? accessToken)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = App.GetEndpoint(resource, "http"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    /// <summary>
    /// <paramref name="count"/> new people holding <paramref name="role"/>, signed in a few at a time (each costs two
    /// deliberately slow password hashes: activation and sign-in).
    /// </summary>
    public async Task<IReadOnlyList<People.Person>> SignInManyAsync(int count, string role)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(4);
        var people = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return await People.NewAsync($"bench {role} {i}", role);
            }
            finally
            {
                gate.Release();
            }
        }));
        Console.WriteLine($"Signed in {count} new {role} accounts at the provider in {clock.Elapsed.TotalSeconds:0.0} s.");
        return people;
    }

    public async Task<string> ConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"No connection string for {resource}.");

    public async ValueTask DisposeAsync()
    {
        People.Dispose();
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
