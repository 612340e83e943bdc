namespace Community.Messaging;

/// <summary>Settings under <c>Messaging</c>; the defaults suit production, tests shorten the waits.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>The connection string name of the broker (an <c>amqp://</c> URI).</summary>
    public string ConnectionName { get; set; } = "messaging";

    private static readonly int[] DefaultRetryIntervalsMs = [200, 1000, 5000, 15000];

    /// <summary>
    /// Waits between a failing consumer's attempts; after the last one the message goes to <c>_error</c>.
    /// (No initialiser: the configuration binder would append configured values to it.)
    /// </summary>
    public int[]? RetryIntervalsMs { get; set; }

    public int[] EffectiveRetryIntervalsMs => RetryIntervalsMs is { Length: > 0 } ? RetryIntervalsMs : DefaultRetryIntervalsMs;

    /// <summary>
    /// Messages each consumer's queue hands over before any is acknowledged, and so how many are handled at once. A
    /// message's handling mostly waits on the database, so more than the two cores' worth keeps them busy.
    /// </summary>
    public ushort PrefetchCount { get; set; } = 16;

    public OutboxOptions Outbox { get; set; } = new();

    public MonitorOptions Monitor { get; set; } = new();
}

/// <summary>How the event flow is watched (<c>Messaging:Monitor</c>).</summary>
public sealed class MonitorOptions
{
    /// <summary>How often the outbox backlog gauges are read.</summary>
    public TimeSpan OutboxEvery { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the <c>_error</c> queues are counted.</summary>
    public TimeSpan ErrorQueuesEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The oldest unpublished event older than this makes the service report Degraded.</summary>
    public TimeSpan OutboxStuckAfter { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class OutboxOptions
{
    public int BatchSize { get; set; } = 200;

    /// <summary>How often the relay looks for due rows when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one publish may wait for the broker's confirm before the row is retried later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest back-off between attempts for one row.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Published rows are kept this long (for audit and replay), then deleted.</summary>
    public TimeSpan RetainPublished { get; set; } = TimeSpan.FromDays(7);
}
