using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Community.ServiceDefaults.Runtime;

/// <summary>When memory is handed back after a burst (<c>Memory:IdleTrim</c>).</summary>
public sealed class IdleMemoryTrimOptions
{
    public const string Section = "Memory:IdleTrim";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the process's allocations are looked at.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Fewer bytes than this allocated since the last look is idle (background polling allocates ~0.2 MB a second).</summary>
    public long IdleBelowBytes { get; set; } = 4L << 20;

    /// <summary>At least this many bytes allocated in busy spells since the last trim is a burst worth trimming after.</summary>
    public long AfterBurstOfBytes { get; set; } = 64L << 20;
}

/// <summary>
/// Gives memory back once a burst has passed. The GC runs when allocations fill a generation's budget, so when a storm
/// of requests stops, what it left — objects that died after being promoted while their requests were in flight, free
/// regions — stays resident until the next burst. When the process has allocated little for a few seconds after
/// allocating a lot, one full compacting collection in aggressive mode (which also decommits the free memory) hands it
/// back to the machine, where PostgreSQL and the other services can use it. It runs only when the process is idle, so
/// its pause meets no request.
/// </summary>
internal sealed partial class IdleMemoryTrim(IOptions<IdleMemoryTrimOptions> options, ILogger<IdleMemoryTrim> logger)
    : BackgroundService
{
    // Real time, not the service's clock: tests move that one, and memory is about the machine.
    private static readonly TimeProvider Clock = TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.CheckEvery, Clock);
        var seen = GC.GetTotalAllocatedBytes();
        var burst = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var allocated = GC.GetTotalAllocatedBytes();
                var recent = allocated - seen;
                seen = allocated;
                if (recent >= settings.IdleBelowBytes)
                {
                    // Busy: part of a burst. What polling allocates while idle never adds up to one.
                    burst += recent;
                    continue;
                }

                if (burst < settings.AfterBurstOfBytes)
                {
                    continue;
                }

                var before = Environment.WorkingSet;
                var started = Clock.GetTimestamp();
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                LogTrimmed(burst >> 20, before >> 20, Environment.WorkingSet >> 20, Clock.GetElapsedTime(started).TotalMilliseconds);
                burst = 0;
                seen = GC.GetTotalAllocatedBytes();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Idle after allocating {AllocatedMb} MB: memory handed back, working set {BeforeMb} -> {AfterMb} MB ({PauseMs:0} ms).")]
    private partial void LogTrimmed(long allocatedMb, long beforeMb, long afterMb, double pauseMs);
}
