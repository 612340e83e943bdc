using Community.Messaging;
using Community.Messaging.Inbox;
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
        var translationBatch = builder.Configuration.GetSection(PartnersOptions.Section).Get<PartnersOptions>()?.TranslationBatch ?? new PartnersOptions().TranslationBatch;
        if (translationBatch is < 1 or > BatchRegistration.MessageLimit)
        {
            throw new InvalidOperationException($"Partners:TranslationBatch must be between 1 and {BatchRegistration.MessageLimit} (default 20).");
        }

        builder.AddServiceMessaging<PartnersDbContext>("partners", bus =>
        {
            // One batch at a time per consumer, paced by webhook delivery (TranslationPace says why).
            void Translating<TConsumer>() where TConsumer : class, IConsumer => bus.AddBatchConsumer<TConsumer>(messageLimit: translationBatch, concurrency: 1);
            Translating<SessionScheduledConsumer>();
            Translating<SessionCancelledConsumer>();
            Translating<SessionCompletedConsumer>();
            Translating<EquipmentNeededConsumer>();
            Translating<ShiftUnderstaffedConsumer>();
            bus.AddConsumer<Privacy.PersonErasureRequestedConsumer>();
        });
        builder.Services.AddOptions<PartnersOptions>().Bind(builder.Configuration.GetSection(PartnersOptions.Section))
            .Validate(o => o.TranslationPauseBacklog >= 0 && o.TranslationPauseLimit >= TimeSpan.Zero,
                "Partners:TranslationPauseBacklog and Partners:TranslationPauseLimit must not be negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton<DeliverySignals>();
        builder.Services.AddScoped<PublicEventWriter>();
        builder.Services.AddScoped<TranslationPace>();
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
