using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Community.Testing;

namespace Community.EndToEnd.Tests;

/// <summary>
/// The whole system as the AppHost starts it in local mode — the machine's PostgreSQL and RabbitMQ as
/// executables, the three services and the gateway — on a throw-away data folder and free ports.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public const string SigningKey = "end-to-end-signing-key-long-enough-for-hmac-sha256";

    /// <summary>How long an urgent request has before it escalates in these tests (about 5 s).</summary>
    public const double UrgentDueHours = 0.0015;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("community-e2e-").FullName;
    private readonly string _rabbitNode = $"e2e-{Guid.NewGuid():N}"[..16] + "@localhost";

    public DistributedApplication App { get; private set; } = null!;

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
            $"--Infrastructure:Postgres:Port={FreePorts.Next()}",
            "--Infrastructure:Postgres:Durable=false",
            $"--Infrastructure:RabbitMq:Port={FreePorts.Next()}",
            $"--Infrastructure:RabbitMq:ManagementPort={FreePorts.Next()}",
            $"--Infrastructure:RabbitMq:DistributionPort={FreePorts.Next()}",
            $"--Infrastructure:RabbitMq:NodeName={_rabbitNode}",
            $"--Auth:SigningKey={SigningKey}",
        ]);
        // Urgent requests fall due within seconds here, so story 2 can watch one escalate.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "grid"))
            .WithEnvironment("Requests__UrgentHours", UrgentDueHours.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Requests__CheckEvery", "00:00:01");
        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await App.StartAsync(timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
        StartedIn = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
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
