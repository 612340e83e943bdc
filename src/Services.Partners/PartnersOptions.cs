namespace Community.Services.Partners;

/// <summary>Settings under <c>Partners</c>. The defaults are the production rules; tests shorten the waits.</summary>
public sealed class PartnersOptions
{
    public const string Section = "Partners";

    /// <summary>
    /// Local mode (one machine, <c>./run.sh</c>): webhook endpoints may be plain HTTP and on private or loopback
    /// addresses. Everywhere else those are refused, so a partner cannot make the platform call into its own network.
    /// </summary>
    public bool LocalMode { get; set; }

    /// <summary>How long the pull feed keeps public events (and webhook deliveries keep their attempts).</summary>
    public TimeSpan FeedRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Internal events translated into public ones in one transaction (a batch; one batch at a time per consumer and
    /// instance). Each batch's events reach every subscriber's queue at once, so a batch larger than an endpoint sends
    /// in a moment only adds to the wait of its last events.
    /// </summary>
    public int TranslationBatch { get; set; } = 20;

    /// <summary>
    /// Translation waits before a batch while the typical subscriber (the median enabled webhook endpoint) has more
    /// than this many deliveries due and not yet sent (<see cref="PublicEvents.TranslationPace"/>); 0 never waits.
    /// </summary>
    public int TranslationPauseBacklog { get; set; } = 16;

    /// <summary>The longest translation waits for delivery before a batch; then it translates on (and says so in the log).</summary>
    public TimeSpan TranslationPauseLimit { get; set; } = TimeSpan.FromSeconds(10);

    public WebhookOptions Webhooks { get; set; } = new();

    public AmqpOptions Amqp { get; set; } = new();
}

public sealed class WebhookOptions
{
    /// <summary>How long one delivery attempt may take before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before the first retry; each next one doubles (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>After this long a delivery that never succeeded is given up (the event stays in the pull feed).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(72);

    /// <summary>An endpoint that has failed without a single success for this long is switched off and its people told.</summary>
    public TimeSpan DisableAfterFailingFor { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Deliveries in flight to one endpoint at once: a slow endpoint ties up at most this many.</summary>
    public int MaxInFlightPerEndpoint { get; set; } = 16;

    /// <summary>Deliveries in flight in all, per instance.</summary>
    public int MaxInFlight { get; set; } = 512;

    /// <summary>How long the old secret keeps signing after a rotation, unless the partner asks for another overlap.</summary>
    public TimeSpan DefaultSecretOverlap { get; set; } = TimeSpan.FromHours(24);
}

public sealed class AmqpOptions
{
    /// <summary>The RabbitMQ management API (e.g. <c>http://localhost:55673/</c>); without it partners get no AMQP access.</summary>
    public string? ManagementUrl { get; set; }

    /// <summary>The virtual host partners read from; nothing internal lives there.</summary>
    public string VirtualHost { get; set; } = "partners";

    /// <summary>The topic exchange the public events are published to, routing key = event type.</summary>
    public string Exchange { get; set; } = "community.public";

    /// <summary>The host name partners connect to (defaults to the broker's host in the connection string).</summary>
    public string? PublicHost { get; set; }
}
