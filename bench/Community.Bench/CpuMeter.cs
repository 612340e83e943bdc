using System.Globalization;

namespace Community.Bench;

/// <summary>
/// CPU time spent by each part of the machine between two readings (user + system, from /proc/*/stat): our services
/// by name, PostgreSQL (all its backends), RabbitMQ, and this benchmark process (the load and the listeners). Tells
/// what limits a run on two shared cores.
/// </summary>
internal sealed class CpuMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly Dictionary<string, long> _start = Read();
    private readonly DateTime _startedAt = DateTime.UtcNow;

    /// <summary>
    /// Starts measuring just before <paramref name="what"/>. With <c>BENCH_PROFILE_SIGNAL=/path</c> the file is written
    /// first and the run waits <c>BENCH_PROFILE_WAIT</c> seconds (3), so a profiler watching for the file attaches to a
    /// service in time for a storm that lasts two seconds (e.g. <c>dotnet-trace collect -p PID --duration 00:00:00:08</c>).
    /// </summary>
    public static async Task<CpuMeter> BeforeAsync(string what)
    {
        if (Environment.GetEnvironmentVariable("BENCH_PROFILE_SIGNAL") is { Length: > 0 } signal)
        {
            await File.WriteAllTextAsync(signal, what);
            await Task.Delay(TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("BENCH_PROFILE_WAIT"), out var wait) ? wait : 3));
        }

        return new CpuMeter();
    }

    public void Print(string what)
    {
        var end = Read();
        var wall = (DateTime.UtcNow - _startedAt).TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"CPU during {what} ({wall:0.0} s wall, {wall * Environment.ProcessorCount:0.0} core-s available)");
        Console.WriteLine("| process | core-s |");
        Console.WriteLine("|---|---|");
        foreach (var (name, ticks) in end.Select(e => (e.Key, e.Value - _start.GetValueOrDefault(e.Key))).Where(e => e.Item2 > 0).OrderByDescending(e => e.Item2))
        {
            Console.WriteLine($"| {name} | {ticks / TicksPerSecond:0.0} |");
        }
    }

    private static Dictionary<string, long> Read()
    {
        var totals = new Dictionary<string, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsDigit)))
        {
            try
            {
                var name = NameOf(dir);
                if (name is null)
                {
                    continue;
                }

                // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th of them.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                totals[name] = totals.GetValueOrDefault(name) + long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return totals;
    }

    private static string? NameOf(string dir)
    {
        if (Path.GetFileName(dir) == Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
        {
            return "bench (load, listeners)";
        }

        var command = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        if (command.Length == 0)
        {
            return null;
        }

        var ours = command.FirstOrDefault(part => part.Contains("/bin/Release/", StringComparison.Ordinal) &&
            Path.GetFileName(part).StartsWith("Community.", StringComparison.Ordinal) && !part.Contains("Bench", StringComparison.Ordinal));
        if (ours is not null)
        {
            return Path.GetFileName(ours).Replace(".dll", "", StringComparison.Ordinal).Replace("Community.", "", StringComparison.Ordinal);
        }

        var program = Path.GetFileName(command[0]);
        return program.StartsWith("postgres", StringComparison.Ordinal) ? "PostgreSQL"
            : program.Contains("beam", StringComparison.Ordinal) ? "RabbitMQ"
            // The AppHost's orchestrator, which also runs the endpoint proxies every call between processes passes.
            : program == "dcp" ? "Aspire orchestrator and endpoint proxies (dcp)"
            // Anything else busy meanwhile (the Aspire dashboard receiving telemetry, the AppHost, a stray process).
            : $"other: {program}";
    }
}
