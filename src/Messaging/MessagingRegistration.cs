using Community.Messaging.Broker;
using Community.Messaging.Inbox;
using Community.Messaging.Outbox;
using Community.Messaging.Persistence;
using Community.Messaging.Telemetry;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
        if (options.PrefetchCount == 0)
        {
            // 0 would tell RabbitMQ "no limit": every queued message handed to one process at once.
            throw new InvalidOperationException("Messaging:PrefetchCount must be at least 1 (default 16).");
        }

        var connectionString = builder.Configuration.GetConnectionString(options.ConnectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{options.ConnectionName}' (the RabbitMQ broker) is missing: run the service through the AppHost, or set ConnectionStrings__{options.ConnectionName}.");

        var queues = new ConsumerQueues();
        builder.Services.AddSingleton(queues);
        builder.Services.AddSingleton(new MessagingService(serviceName));
        builder.AddEventFlowMonitoring<TContext>(connectionString, serviceName);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            addConsumers?.Invoke(bus);

            bus.AddConfigureEndpointsCallback((_, queue, endpoint) =>
            {
                queues.Add(queue);
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Ignore<InvalidMessageException>();
                    retry.Intervals(options.EffectiveRetryIntervalsMs);
                });
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString), host => host.ConnectionName(serviceName));
                rabbit.PrefetchCount = options.PrefetchCount;
                rabbit.ConfigureEndpoints(context);
            });
        });

        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        return builder;
    }

    /// <summary>
    /// Which of the service's committed events count as which of the neighbourhood's numbers
    /// (<c>community.registrations.confirmed</c>, ...), exported with the service's other metrics.
    /// </summary>
    public static IHostApplicationBuilder CountEvents(this IHostApplicationBuilder builder, Action<EventMetricsOptions> count)
    {
        builder.Services.Configure(count);
        return builder;
    }

    /// <summary>
    /// What an operator watches: the event-flow metrics, the outbox backlog and <c>_error</c> queues read in the
    /// background, and two health checks — the outbox is not stuck, every consumer's queue is bound and read.
    /// </summary>
    private static void AddEventFlowMonitoring<TContext>(this IHostApplicationBuilder builder, string connectionString, string serviceName)
        where TContext : DbContext, IMessagingDbContext
    {
        var services = builder.Services;
        services.AddScoped<IMessagingDbContext>(provider => provider.GetRequiredService<TContext>());
        services.AddSingleton<OutboxBacklog>();
        services.AddSingleton<ErrorQueueCounts>();
        services.AddSingleton<MessagingMetrics>();
        services.AddSingleton<EventMetrics>();
        services.AddSingleton<OutboxSql>();
        services.AddSingleton(provider => new BrokerInspector(connectionString, serviceName, provider.GetRequiredService<ILogger<BrokerInspector>>()));
        services.AddHostedService<OutboxMonitor<TContext>>();
        services.AddHostedService<ErrorQueueMonitor>();
        services.AddHealthChecks()
            .AddCheck<OutboxHealthCheck<TContext>>("outbox", tags: ["ready"])
            .AddCheck<ConsumerQueuesHealthCheck>("consumer-queues", tags: ["ready"]);
    }
}
