using Community.Services.Activities.Attendance;
using Community.Services.Activities.Feedback;
using Community.Services.Activities.Finding;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Series;
using Community.Services.Activities.Showcase;
using Community.Services.Activities.Sessions;
using Community.Services.Activities.Staffing;
using Community.Services.Activities.Venues;
using MassTransit;

namespace Community.Services.Activities;

/// <summary>The service station calendar's parts: one line per feature folder.</summary>
public static class ActivitiesModule
{
    public static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<VolunteerAssignedConsumer>();
        bus.AddConsumer<VolunteerWithdrawnConsumer>();
    }

    public static IHostApplicationBuilder AddActivities(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<WaitlistOptions>(builder.Configuration.GetSection("Waitlist"));
        builder.Services.AddScoped<Waitlist>();
        builder.Services.AddHostedService<OfferExpiry>();
        builder.Services.AddScoped<Completion>();
        builder.Services.AddHostedService<AutomaticCompletion>();
        return builder;
    }

    public static IEndpointRouteBuilder MapActivitiesApi(this IEndpointRouteBuilder app)
    {
        app.MapVenuesApi();
        app.MapSeriesApi();
        app.MapNearbyApi();
        app.MapSessionsApi();
        app.MapRegistrationsApi();
        app.MapWaitlistOrderApi();
        app.MapStaffingApi();
        app.MapAttendanceApi();
        app.MapFeedbackApi();
        app.MapShowcaseApi();
        app.MapCalendarFeedApi();
        return app;
    }
}
