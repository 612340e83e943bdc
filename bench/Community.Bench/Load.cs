using System.Diagnostics;
using HdrHistogram;

namespace Community.Bench;

public sealed record LoadResult(string Name, long Requests, long Errors, TimeSpan Duration, double P50Ms, double P99Ms, double MaxMs)
{
    public double Throughput => Requests / Duration.TotalSeconds;
}

/// <summary>Open-model (fixed rate) and closed-model (saturation) HTTP load, latencies in an HDR histogram.</summary>
public static class Load
{
    /// <summary>
    /// Sends <paramref name="rate"/> requests a second for <paramref name="duration"/>, each at its scheduled
    /// time whether or not earlier ones have answered; latency counts from the scheduled time, so a stall is
    /// not hidden (no coordinated omission).
    /// </summary>
    public static async Task<LoadResult> FixedRateAsync(string name, Func<Task<bool>> request, int rate, TimeSpan duration)
    {
        var histogram = new LongHistogram(TimeStamp.Minutes(1), 3);
        long errors = 0;
        var total = (int)(rate * duration.TotalSeconds);
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var scheduled = TimeSpan.FromSeconds((double)i / rate);
            var wait = scheduled - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            tasks.Add(Task.Run(async () =>
            {
                var ok = await SafeAsync(request);
                var latency = clock.Elapsed - scheduled;
                lock (histogram)
                {
                    histogram.RecordValue(Math.Max(0, latency.Ticks));
                }

                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }));
        }

        await Task.WhenAll(tasks);
        return Result(name, histogram, errors, clock.Elapsed);
    }

    /// <summary>Runs <paramref name="concurrency"/> loops back to back for <paramref name="duration"/>.</summary>
    public static async Task<LoadResult> SaturateAsync(string name, Func<Task<bool>> request, int concurrency, TimeSpan duration)
    {
        var histogram = new LongHistogram(TimeStamp.Minutes(1), 3);
        long errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                var ok = await SafeAsync(request);
                var latency = clock.Elapsed - started;
                lock (histogram)
                {
                    histogram.RecordValue(Math.Max(0, latency.Ticks));
                }

                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        return Result(name, histogram, errors, clock.Elapsed);
    }

    private static async Task<bool> SafeAsync(Func<Task<bool>> request)
    {
        try
        {
            return await request();
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static LoadResult Result(string name, LongHistogram histogram, long errors, TimeSpan elapsed) => new(
        name,
        histogram.TotalCount,
        errors,
        elapsed,
        histogram.GetValueAtPercentile(50) / (double)TimeSpan.TicksPerMillisecond,
        histogram.GetValueAtPercentile(99) / (double)TimeSpan.TicksPerMillisecond,
        histogram.GetMaxValue() / (double)TimeSpan.TicksPerMillisecond);

    public static void Print(IEnumerable<LoadResult> results)
    {
        Console.WriteLine($"| {"run",-34} | {"requests",8} | {"errors",6} | {"req/s",8} | {"p50 ms",7} | {"p99 ms",7} | {"max ms",7} |");
        Console.WriteLine($"|{new string('-', 36)}|{new string('-', 10)}|{new string('-', 8)}|{new string('-', 10)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|");
        foreach (var r in results)
        {
            Console.WriteLine($"| {r.Name,-34} | {r.Requests,8} | {r.Errors,6} | {r.Throughput,8:0} | {r.P50Ms,7:0.00} | {r.P99Ms,7:0.00} | {r.MaxMs,7:0.0} |");
        }
    }
}
