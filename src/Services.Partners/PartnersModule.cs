using Community.Messaging;
using Community.Messaging.Operations;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Http;
using Community.Services.Partners.Amqp;
using Community.Services.Partners.Data;
using Community.Services.Partners.Organisations;
using Community.Services.Partners.Pledges;
using Community.Services.Partners.PublicEvents;
using Community.Services.Partners.Webhooks;
using MassTransit;

namespace Community.Services.Partners;

/// <summary>
/// Partners' parts: the registry, the internal events it translates into public ones, the three ways partners receive
/// them (webhooks, pull feed, AMQP), the needs board and pledges.
/// </summary>
public static class PartnersModule
{
    public static IHostApplicationBuilder AddPartners(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PartnersDbContext>("partnersdb");
        var translating = builder.Configuration.GetSection(PartnersOptions.Section).Get<PartnersOptions>()?.TranslationConcurrency ?? new PartnersOptions().TranslationConcurrency;
        if (translating == 0)
        {
            throw new InvalidOperationException("Partners:TranslationConcurrency must be at least 1 (default 4).");
        }

        builder.AddServiceMessaging<PartnersDbContext>("partners", bus =>
        {
            // Translation yields the cores to delivery (PartnersOptions.TranslationConcurrency says why).
            void Translating(IEndpointRegistrationConfigurator endpoint) => (endpoint.PrefetchCount, endpoint.ConcurrentMessageLimit) = (translating, translating);
            bus.AddConsumer<SessionScheduledConsumer>().Endpoint(Translating);
            bus.AddConsumer<SessionCancelledConsumer>().Endpoint(Translating);
            bus.AddConsumer<SessionCompletedConsumer>().Endpoint(Translating);
            bus.AddConsumer<EquipmentNeededConsumer>().Endpoint(Translating);
            bus.AddConsumer<ShiftUnderstaffedConsumer>().Endpoint(Translating);
        });
        builder.Services.Configure<PartnersOptions>(builder.Configuration.GetSection(PartnersOptions.Section));
        builder.Services.AddSingleton<DeliverySignals>();
        builder.Services.AddScoped<PublicEventWriter>();
        builder.Services.AddScoped<NeedRaising>();
        builder.Services.AddScoped<PledgeWorkflow>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<DeliveryOutcomes>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        builder.Services.AddSingleton<BrokerAddress>();
        builder.Services.AddHttpClient<PartnerBroker>();
        builder.Services.AddHostedService<PublicExchangeRelay>();
        builder.Services.AddHostedService<PublicEventRetention>();
        builder.Services.AddHostedService<PublicEventSequencer>();
        builder.AddServiceOpenApi("partners", "Community — Partners",
            "Partner organisations: their public event feed (webhooks, queue, pull), the needs board and their pledges.");
        return builder;
    }

    public static WebApplication MapPartners(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapMessagingOperations();
        app.MapAsyncApi();
        var api = app.MapApi();
        api.MapOrganisationsApi();
        api.MapFeedApi();
        api.MapWebhooksApi();
        api.MapNeedsApi();
        api.MapPledgesApi();
        return app;
    }
}
