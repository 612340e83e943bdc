namespace Community.Services.Notices.Live;

/// <summary>Wakes <see cref="LiveDelivery"/> when a notice was committed, so it is pushed at once rather than on the next poll.</summary>
public sealed class NoticeSignal
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
