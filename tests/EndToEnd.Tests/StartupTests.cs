using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Community.Testing;

namespace Community.EndToEnd.Tests;

/// <summary>
/// The AppHost as ./run.sh starts it, as its own process: when an infrastructure resource cannot start, it says which
/// one and why on the console and exits non-zero within seconds, instead of leaving everything waiting on it.
/// </summary>
public sealed class StartupTests
{
    [Fact]
    public async Task A_database_server_that_cannot_start_stops_the_apphost_with_its_reason_and_exit_code_1()
    {
        // Something else already holds the port PostgreSQL is told to use.
        using var squatter = new TcpListener(IPAddress.Loopback, FreePorts.Next());
        squatter.Start();
        var postgresPort = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var dataDirectory = Directory.CreateTempSubdirectory("community-e2e-").FullName;
        File.SetUnixFileMode(dataDirectory, (UnixFileMode)0b111_101_101);
        var rabbitNode = $"e2e-{Guid.NewGuid():N}"[..16] + "@localhost";

        var appHost = Path.Combine(Repository.Root, "src", "AppHost", "bin", Configuration, "net10.0", "Community.AppHost.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            appHost,
            "--Infrastructure:Mode=local",
            $"--Infrastructure:DataDirectory={dataDirectory}",
            $"--Infrastructure:Postgres:Port={postgresPort}",
            $"--Infrastructure:RabbitMq:Port={FreePorts.Next()}",
            $"--Infrastructure:RabbitMq:ManagementPort={FreePorts.Next()}",
            $"--Infrastructure:RabbitMq:DistributionPort={FreePorts.Next()}",
            $"--Infrastructure:RabbitMq:NodeName={rabbitNode}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // The dashboard's addresses a launch profile would give, on free ports.
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePorts.Next()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePorts.Next()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePorts.Next()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";

        var output = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(patience.Token);
            clock.Stop();
            string said;
            lock (output)
            {
                said = output.ToString();
            }

            Assert.True(process.ExitCode == 1, $"exit code {process.ExitCode}:\n{said}");
            Assert.Contains("'postgres' stopped while the system was starting", said);
            // The server's own reason, quoted from its output.
            Assert.Contains("Address already in use", said);
            Assert.DoesNotContain("   at ", said);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"stopped after {clock.Elapsed}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            // The orchestrator stops what it started once the AppHost is gone; a node it missed must not outlive the test.
            Process.Start("pkill", ["-f", "--", $"-sname {rabbitNode}"])?.WaitForExit();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
