using Community.ServiceDefaults.Http;
using Community.Messaging;
using Community.Messaging.Inbox;
using Community.Messaging.Operations;
using Community.Messaging.Persistence;
using Community.Services.Activities.Attendance;
using Community.Services.Activities.Data;
using Community.Services.Activities.Feedback;
using Community.Services.Activities.Finding;
using Community.Services.Activities.People;
using Community.Services.Activities.Privacy;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Series;
using Community.Services.Activities.Showcase;
using Community.Services.Activities.Sessions;
using Community.Services.Activities.Staffing;
using Community.Services.Activities.Venues;

namespace Community.Services.Activities;

/// <summary>The service station calendar's parts: its database, its consumers, its jobs, and one map per feature folder.</summary>
public static class ActivitiesModule
{
    public static IHostApplicationBuilder AddActivities(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ActivitiesDbContext>("activitiesdb");
        builder.AddServiceMessaging<ActivitiesDbContext>("activities", bus =>
        {
            bus.AddBatchConsumer<VolunteerAssignedConsumer>();
            bus.AddConsumer<VolunteerWithdrawnConsumer>();
            bus.AddConsumer<ResidentRecordedConsumer>();
            bus.AddConsumer<Privacy.PersonErasureRequestedConsumer>();
            bus.AddConsumer<VolunteerAccountLinkedConsumer>();
            bus.AddConsumer<ActingConsentChangedConsumer>();
            bus.AddConsumer<CallListEntryOpenedConsumer>();
            bus.AddConsumer<CallListEntryHandledConsumer>();
        });
        builder.AddActivitiesMetrics();

        builder.Services.Configure<WaitlistOptions>(builder.Configuration.GetSection("Waitlist"));
        builder.Services.AddScoped<Waitlist>();
        builder.Services.AddScoped<PlaceBooking>();
        builder.Services.AddSingleton<CheckInCodes>();
        builder.Services.AddHostedService<OfferExpiry>();
        builder.Services.AddScoped<Completion>();
        builder.Services.AddHostedService<AutomaticCompletion>();
        builder.AddServiceOpenApi("activities", "Community — Activities",
            "The service station calendar: venues, activity series and sessions, registrations and waitlists, check-in, volunteers at sessions, feedback and calendar feeds.");
        return builder;
    }

    public static WebApplication MapActivities(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapMessagingOperations();
        var api = app.MapApi();
        api.MapVenuesApi();
        api.MapSeriesApi();
        api.MapNearbyApi();
        api.MapSessionsApi();
        api.MapRegistrationsApi();
        api.MapWaitlistOrderApi();
        api.MapStaffingApi();
        api.MapAttendanceApi();
        api.MapVolunteerPresenceApi();
        api.MapFeedbackApi();
        api.MapShowcaseApi();
        api.MapCalendarFeedApi();
        api.MapMyDataApi();
        return app;
    }
}
