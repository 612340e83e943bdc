using Community.Messaging;
using Community.Messaging.Inbox;
using Community.Messaging.Operations;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Http;
using Community.Services.Notices.Activities;
using Community.Services.Notices.CallList;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Equipment;
using Community.Services.Notices.Inbox;
using Community.Services.Notices.Live;
using Community.Services.Notices.Partners;
using Community.Services.Notices.People;
using Community.Services.Notices.Preferences;
using Community.Services.Notices.Privacy;
using Community.Services.Notices.Requests;
using Community.Services.Notices.Retention;
using Community.Services.Notices.Shifts;
using Microsoft.AspNetCore.SignalR;

namespace Community.Services.Notices;

/// <summary>
/// Notices' parts: the events that concern a person become notices in their inbox (pushed live), on their grid team's
/// call list, or in a role's shared inbox; reminders and retention run as jobs.
/// </summary>
public static class NoticesModule
{
    public static IHostApplicationBuilder AddNotices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NoticesDbContext>("noticesdb");
        builder.AddServiceMessaging<NoticesDbContext>("notices", bus =>
        {
            bus.AddConsumer<ResidentRecordedConsumer>();
            bus.AddConsumer<ActingConsentChangedConsumer>();
            bus.AddConsumer<Privacy.PersonErasureRequestedConsumer>();
            bus.AddConsumer<GridBuildingsChangedConsumer>();
            bus.AddConsumer<GridTeamChangedConsumer>();
            bus.AddConsumer<VolunteerAccountLinkedConsumer>();
            bus.AddConsumer<SessionScheduledConsumer>();
            bus.AddConsumer<SessionMovedConsumer>();
            bus.AddConsumer<SessionCancelledConsumer>();
            // A popular activity's registrations come in a storm: told in batches (RegistrationNoticeBatchConsumer).
            bus.AddBatchConsumer<RegistrationConfirmedConsumer>();
            bus.AddBatchConsumer<RegistrationWaitlistedConsumer>();
            bus.AddConsumer<WaitlistOfferMadeConsumer>();
            bus.AddConsumer<RegistrationCancelledConsumer>();
            bus.AddConsumer<VolunteersRequestedConsumer>();
            bus.AddBatchConsumer<VolunteerAssignedConsumer>();
            bus.AddConsumer<VolunteerWithdrawnConsumer>();
            bus.AddConsumer<ShiftCancelledConsumer>();
            bus.AddConsumer<ShiftUnderstaffedConsumer>();
            bus.AddConsumer<ShiftSupervisionShortConsumer>();
            bus.AddConsumer<GuardianConsentWithdrawnConsumer>();
            bus.AddConsumer<RequestEscalatedConsumer>();
            bus.AddConsumer<RequestProgressedConsumer>();
            bus.AddConsumer<WebhookEndpointDisabledConsumer>();
            bus.AddConsumer<EquipmentHeldConsumer>();
            bus.AddConsumer<EquipmentHoldLapsedConsumer>();
        });
        builder.Services.AddOptions<NoticesOptions>().Bind(builder.Configuration.GetSection(NoticesOptions.Section))
            .Validate(o => o.LivePollInterval > TimeSpan.Zero && o.ReminderCheckInterval > TimeSpan.Zero && o.RetentionCheckInterval > TimeSpan.Zero,
                "Notices:LivePollInterval, ReminderCheckInterval and RetentionCheckInterval must be longer than zero.")
            .ValidateOnStart();
        builder.Services.AddScoped<NoticeWriter>();
        builder.Services.AddSingleton<NoticeSignal>();
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        builder.Services.AddSingleton<LiveDelivery>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveDelivery>());
        builder.Services.AddSingleton<DayBeforeReminders>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DayBeforeReminders>());
        builder.Services.AddSingleton<OfferReminders>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OfferReminders>());
        builder.Services.AddSingleton<NoticeRetention>();
        builder.Services.AddHostedService(services => services.GetRequiredService<NoticeRetention>());
        builder.AddServiceOpenApi("notices", "Community — Notices",
            "Each person's notices (inbox, live push, preferences) and the grid teams' call lists for residents told in person.");
        return builder;
    }

    public static WebApplication MapNotices(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapMessagingOperations();
        var api = app.MapApi();
        api.MapInboxApi();
        api.MapPreferencesApi();
        api.MapCallListApi();
        api.MapMyDataApi();
        // A connection lives no longer than the token it was opened with: the roles it joined groups for are the token's,
        // and a person whose staff role was taken away, or whose account was disabled, must stop hearing the station's
        // notices once that token runs out. The client opens a new connection with its new token.
        app.MapHub<NoticesHub>(NoticesHub.Path, hub => hub.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
