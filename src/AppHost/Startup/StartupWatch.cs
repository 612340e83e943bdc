using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Community.AppHost.Startup;

/// <summary>
/// Watches the system start. When the web app (which waits for the gateway, which waits for everything else) is
/// healthy, the console says the system is ready and where to open it. When a resource stops before that — PostgreSQL
/// refusing its folder or port, RabbitMQ failing, a service crashing in its migration — nothing waiting on it would
/// ever start, so the console says which one stopped, with its last lines of output, and the AppHost stops with exit
/// code 1 instead of waiting forever. After the system is ready, a process that stops is the dashboard's business
/// (a replica killed on purpose, a service restarted from its page); before it, stopping or restarting a resource from
/// the dashboard counts as it stopping.
/// </summary>
internal sealed partial class StartupWatch(
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    IHostApplicationLifetime lifetime,
    StartupOutcome outcome,
    ILogger<StartupWatch> logger) : IHostedLifecycleService, IDisposable
{
    /// <summary>The resource whose health means the whole system is up: it waits, through the gateway, for every other.</summary>
    public const string ReadyWhenHealthy = "web";

    private const int LastLines = 12;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _output = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _watch = Task.CompletedTask;

    // The orchestrator's own start returns only once every resource has started, so the watch begins before it.
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _watch = Task.Run(() => WatchAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _watch.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stop.Dispose();

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            await foreach (var change in notifications.WatchAsync(startup.Token))
            {
                if (change.Snapshot.IsHidden || change.Resource is not (ProjectResource or ExecutableResource or ContainerResource))
                {
                    continue;
                }

                Follow(change.ResourceId, startup.Token);
                if (change.Resource.Name == ReadyWhenHealthy && change.Snapshot.HealthStatus == HealthStatus.Healthy)
                {
                    Console.WriteLine();
                    Console.WriteLine($"  Community is ready after {_clock.Elapsed.TotalSeconds:0} s: open {Address(change.Resource)}");
                    Console.WriteLine();
                    return;
                }

                var state = change.Snapshot.State?.Text;
                if (state is not null && KnownResourceStates.TerminalStates.Contains(state)
                    && !lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    // Its last lines may still be on their way from the process.
                    await Task.Delay(TimeSpan.FromMilliseconds(500), startup.Token);
                    if (lifetime.ApplicationStopping.IsCancellationRequested)
                    {
                        // Someone pressed Ctrl+C meanwhile: a resource stopping now is not a failure.
                        return;
                    }

                    var failure = new StartupFailure(change.Resource.Name, state, change.Snapshot.ExitCode,
                        _output.TryGetValue(change.ResourceId, out var lines) ? [.. lines] : []);
                    outcome.Failure = failure;
                    // Also to the log: a test harness hosting the AppHost never reaches its Main's report.
                    LogStartFailed(failure.Resource, failure.State, failure.ExitCode, string.Join(Environment.NewLine, failure.LastLines));
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await startup.CancelAsync();
        }
    }

    /// <summary>Keeps the last lines a resource printed, to quote them if it stops while the system starts.</summary>
    private void Follow(string resourceId, CancellationToken cancellationToken)
    {
        var lines = new ConcurrentQueue<string>();
        if (!_output.TryAdd(resourceId, lines))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(cancellationToken))
                {
                    foreach (var line in batch.Select(l => OwnWords(l.Content)).OfType<string>())
                    {
                        lines.Enqueue(line);
                        while (lines.Count > LastLines && lines.TryDequeue(out _))
                        {
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "'{Resource}' stopped while the system was starting ({State}, exit code {ExitCode}); the AppHost stops. Its last lines:\n{LastLines}")]
    private partial void LogStartFailed(string resource, string state, int? exitCode, string lastLines);

    /// <summary>The line as the process wrote it (the orchestrator's timestamp off), or null for the orchestrator's own.</summary>
    private static string? OwnWords(string line)
    {
        var text = Timestamp().Replace(line, "", 1);
        return text.StartsWith("[sys]", StringComparison.Ordinal) || text.Contains("certificate authorit", StringComparison.Ordinal)
            ? null
            : text;
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT[\d:.]+Z ")]
    private static partial Regex Timestamp();

    private static string Address(IResource resource) =>
        resource is IResourceWithEndpoints withEndpoints && withEndpoints.GetEndpoint("http") is { IsAllocated: true } endpoint
            ? endpoint.Url
            : resource.Name;
}

/// <summary>What stopped the system's start, if anything: the AppHost's exit code and last words.</summary>
public sealed class StartupOutcome
{
    public StartupFailure? Failure { get; set; }

    /// <summary>Says on the console which resource stopped, with its last lines, and what to do.</summary>
    public void Report(TextWriter console)
    {
        if (Failure is not { } failure)
        {
            return;
        }

        console.WriteLine();
        console.WriteLine($"  '{failure.Resource}' stopped while the system was starting ({failure.State.ToLowerInvariant()}"
            + (failure.ExitCode is { } code ? $", exit code {code}" : "") + "), so what needs it could never start: the AppHost stopped.");
        if (failure.LastLines.Count > 0)
        {
            console.WriteLine("  Its last lines:");
            foreach (var line in failure.LastLines)
            {
                console.WriteLine($"    | {line}");
            }
        }

        console.WriteLine("  Mend what they say and start again; data already written stays where it was.");
        console.WriteLine();
    }
}

public sealed record StartupFailure(string Resource, string State, int? ExitCode, IReadOnlyList<string> LastLines);
