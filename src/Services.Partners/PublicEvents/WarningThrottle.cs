namespace Community.Services.Partners.PublicEvents;

/// <summary>
/// A warning that can recur every batch, written at most once per <paramref name="every"/>: the first at once, then one
/// per period saying how many times it happened since the last one written. Thread-safe; one instance per warning.
/// </summary>
public sealed class WarningThrottle(TimeSpan every)
{
    private long _nextTicks = long.MinValue;
    private int _happened;

    /// <summary>Records one occurrence at <paramref name="now"/>; true when it should be written, with how many occurred since the last written.</summary>
    public bool Occurred(DateTimeOffset now, out int since)
    {
        Interlocked.Increment(ref _happened);
        var next = Interlocked.Read(ref _nextTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextTicks, now.UtcTicks + every.Ticks, next) != next)
        {
            since = 0;
            return false;
        }

        since = Interlocked.Exchange(ref _happened, 0);
        return true;
    }
}
