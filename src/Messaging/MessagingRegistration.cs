using Community.Messaging.Inbox;
using Community.Messaging.Outbox;
using Community.Messaging.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Community.Messaging;

public static class MessagingRegistration
{
    /// <summary>
    /// MassTransit over RabbitMQ for one service: its queues are named <c>{service}-{consumer}</c>, every
    /// consumer retries transient faults at the configured intervals and then moves the message to
    /// <c>{queue}_error</c> (so a poison message never blocks the queue), and the outbox relay publishes the
    /// service's events.
    /// </summary>
    public static IHostApplicationBuilder AddServiceMessaging<TContext>(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? addConsumers = null)
        where TContext : DbContext, IMessagingDbContext
    {
        var section = builder.Configuration.GetSection(MessagingOptions.Section);
        builder.Services.Configure<MessagingOptions>(section);
        var options = section.Get<MessagingOptions>() ?? new MessagingOptions();
        var connectionString = builder.Configuration.GetConnectionString(options.ConnectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{options.ConnectionName}' (the RabbitMQ broker) is missing: run the service through the AppHost, or set ConnectionStrings__{options.ConnectionName}.");

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            addConsumers?.Invoke(bus);

            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Ignore<InvalidMessageException>();
                    retry.Intervals(options.EffectiveRetryIntervalsMs);
                });
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString), host => host.ConnectionName(serviceName));
                rabbit.ConfigureEndpoints(context);
            });
        });

        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        return builder;
    }
}
