using MassTransit;

namespace Community.Messaging.Inbox;

/// <summary>How an <see cref="IdempotentBatchConsumer{TMessage,TContext}"/> is registered: the same way everywhere.</summary>
public static class BatchRegistration
{
    /// <summary>At most this many messages a batch.</summary>
    public const int MessageLimit = 100;

    /// <summary>
    /// Registers <typeparamref name="TConsumer"/> to take its messages in batches of up to <see cref="MessageLimit"/>, two batches at a time, a lone message waiting
    /// at most <paramref name="wait"/> (10 ms unless said) for company; its queue hands over enough to fill both.
    /// </summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddBatchConsumer<TConsumer>(this IBusRegistrationConfigurator bus, TimeSpan? wait = null)
        where TConsumer : class, IConsumer
    {
        var registration = bus.AddConsumer<TConsumer>((_, consumer) => consumer.Options<BatchOptions>(batch => batch
            .SetMessageLimit(MessageLimit).SetTimeLimit(wait ?? TimeSpan.FromMilliseconds(10)).SetConcurrencyLimit(2)));
        registration.Endpoint(endpoint => endpoint.PrefetchCount = 2 * MessageLimit);
        return registration;
    }
}
