using Community.ServiceDefaults.Http;
using Community.Messaging;
using Community.Messaging.Inbox;
using Community.Messaging.Operations;
using Community.Messaging.Persistence;
using Community.Services.Volunteers.Privacy;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.GridTeams;
using Community.Services.Volunteers.Hours;
using Community.Services.Volunteers.Matching;
using Community.Services.Volunteers.Opportunities;
using Community.Services.Volunteers.Recognition;
using Community.Services.Volunteers.Registry;
using Community.Services.Volunteers.Teams;

namespace Community.Services.Volunteers;

/// <summary>The volunteer registry's parts: its database, the messages it consumes, its settings, jobs and endpoints.</summary>
public static class VolunteersModule
{
    public static IHostApplicationBuilder AddVolunteers(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<VolunteersDbContext>("volunteersdb");
        builder.AddServiceMessaging<VolunteersDbContext>("volunteers", bus =>
        {
            bus.AddConsumer<VolunteersRequestedConsumer>();
            // In batches of up to a hundred, gathered for at most 50 ms; two batches at once.
            bus.AddBatchConsumer<SessionCompletedConsumer>(wait: TimeSpan.FromMilliseconds(50));
            bus.AddConsumer<Privacy.PersonErasureRequestedConsumer>();
            bus.AddConsumer<SessionCancelledConsumer>();
            bus.AddConsumer<SessionMovedConsumer>();
            bus.AddConsumer<GridBuildingsChangedConsumer>();
            bus.AddConsumer<GridTeamChangedConsumer>();
            bus.AddConsumer<VolunteerHelpRequestedConsumer>();
        });
        builder.AddVolunteersMetrics();
        builder.Services.Configure<SupervisionOptions>(builder.Configuration.GetSection("Supervision"));
        builder.Services.Configure<RecognitionOptions>(builder.Configuration.GetSection("Recognition"));
        builder.Services.AddScoped<Roster>();
        builder.Services.AddScoped<ConsentWithdrawal>();
        builder.Services.AddScoped<Matcher>();
        builder.Services.AddHostedService<UnderstaffingWatch>();
        builder.AddServiceOpenApi("volunteers", "Community — Volunteers",
            "The volunteer registry: kinds, skills, availability, guardians' consent, teams, opportunities and shifts, service hours and recognition.");
        return builder;
    }

    public static WebApplication MapVolunteers(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapMessagingOperations();
        var api = app.MapApi();
        api.MapRegistryApi();
        api.MapConsentsApi();
        api.MapAvailabilityApi();
        api.MapSkillsApi();
        api.MapTeamsApi();
        api.MapShiftsApi();
        api.MapStaffOpportunitiesApi();
        api.MapMatchingApi();
        api.MapHoursApi();
        api.MapHoursReviewApi();
        api.MapTotalsApi();
        api.MapRecognitionApi();
        api.MapMyDataApi();
        return app;
    }
}
