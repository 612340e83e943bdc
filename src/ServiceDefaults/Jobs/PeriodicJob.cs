using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Community.ServiceDefaults.Jobs;

/// <summary>
/// A background job that makes one pass at start and then one per <see cref="Interval"/>, on the service's
/// <see cref="TimeProvider"/> (so tests can move the clock). A failed pass is logged and the next tick tries
/// again; a pass that handled something says how many. Each pass must be safe to run on several instances
/// at once: claim work with a lock or a conditional update.
/// </summary>
public abstract partial class PeriodicJob(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan Interval { get; }

    /// <summary>One pass; returns how many items it handled.</summary>
    protected abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Time);
        do
        {
            try
            {
                var handled = await RunOnceAsync(stoppingToken);
                if (handled > 0)
                {
                    LogHandled(GetType().Name, handled);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Anything but shutdown, a cancellation too (a command or HTTP timeout inside the pass): a pass
                // that escaped here would stop the whole service host.
                LogFailed(GetType().Name, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job} handled {Count} item(s).")]
    private partial void LogHandled(string job, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed; it will try again on its next tick.")]
    private partial void LogFailed(string job, Exception exception);
}
