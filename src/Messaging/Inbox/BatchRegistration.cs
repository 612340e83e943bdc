using MassTransit;

namespace Community.Messaging.Inbox;

/// <summary>How an <see cref="IdempotentBatchConsumer{TMessage,TContext}"/> is registered: the same way everywhere.</summary>
public static class BatchRegistration
{
    /// <summary>At most this many messages a batch.</summary>
    public const int MessageLimit = 100;

    /// <summary>
    /// Registers <typeparamref name="TConsumer"/> to take its messages in batches of up to <paramref name="messageLimit"/>
    /// (<see cref="MessageLimit"/> unless said), <paramref name="concurrency"/> batches at a time (two unless said), a lone
    /// message waiting at most <paramref name="wait"/> (10 ms unless said) for company; its queue hands over enough to fill them all.
    /// </summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddBatchConsumer<TConsumer>(
        this IBusRegistrationConfigurator bus, TimeSpan? wait = null, int messageLimit = MessageLimit, int concurrency = 2)
        where TConsumer : class, IConsumer
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messageLimit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(messageLimit, MessageLimit);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var registration = bus.AddConsumer<TConsumer>((_, consumer) => consumer.Options<BatchOptions>(batch => batch
            .SetMessageLimit(messageLimit).SetTimeLimit(wait ?? TimeSpan.FromMilliseconds(10)).SetConcurrencyLimit(concurrency)));
        registration.Endpoint(endpoint => endpoint.PrefetchCount = concurrency * messageLimit);
        return registration;
    }
}
