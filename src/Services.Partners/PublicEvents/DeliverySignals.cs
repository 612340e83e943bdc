namespace Community.Services.Partners.PublicEvents;

/// <summary>Wakes one waiting loop (a delivery pass) at once rather than on its next poll.</summary>
public sealed class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>The loops that deliver public events: woken when an event (or a redelivery) is committed.</summary>
public sealed class DeliverySignals
{
    public WakeSignal Webhooks { get; } = new();

    public WakeSignal Amqp { get; } = new();

    public WakeSignal Sequencer { get; } = new();

    public void Wake()
    {
        Sequencer.Wake();
        Webhooks.Wake();
        Amqp.Wake();
    }
}
