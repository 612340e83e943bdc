using Community.ServiceDefaults.Http;
using Community.Messaging;
using Community.Messaging.Inbox;
using Community.Messaging.Operations;
using Community.Messaging.Persistence;
using Community.Services.Grid.Cats;
using Community.Services.Grid.Consents;
using Community.Services.Grid.Data;
using Community.Services.Grid.Equipment;
using Community.Services.Grid.Grids;
using Community.Services.Grid.Places;
using Community.Services.Grid.Privacy;
using Community.Services.Grid.Reports;
using Community.Services.Grid.Requests;
using Community.Services.Grid.Visits;
using Community.Services.Grid.Volunteers;

namespace Community.Services.Grid;

/// <summary>The grid service's parts: its database, the messages it consumes, its jobs and one line per feature's endpoints.</summary>
public static class GridModule
{
    public static IHostApplicationBuilder AddGrid(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<GridDbContext>("griddb");
        builder.AddServiceMessaging<GridDbContext>("grid", bus =>
        {
            // Registrations come in waves: up to a hundred a transaction (IdempotentBatchConsumer).
            bus.AddBatchConsumer<VolunteerRegisteredConsumer>();
            bus.AddConsumer<VolunteerProfileChangedConsumer>();
            bus.AddBatchConsumer<HelperAssignedConsumer>();
            bus.AddConsumer<HelperWithdrawnConsumer>();
            bus.AddConsumer<VolunteerAccountLinkedConsumer>();
            bus.AddConsumer<PersonErasureRequestedConsumer>();
            bus.AddConsumer<PledgeFulfilledConsumer>();
        });
        builder.AddGridMetrics();
        builder.Services.Configure<SlaOptions>(builder.Configuration.GetSection("Requests"));
        builder.Services.AddHostedService<EscalationWatch>();
        builder.Services.AddScoped<Lending>();
        builder.Services.AddOptions<EquipmentOptions>().Bind(builder.Configuration.GetSection(EquipmentOptions.Section))
            .Validate(o => o.HoldFor > TimeSpan.Zero && o.CheckEvery > TimeSpan.Zero, "Equipment:HoldFor and Equipment:CheckEvery must be longer than zero.")
            .ValidateOnStart();
        builder.Services.AddHostedService<HoldExpiry>();
        builder.AddServiceOpenApi("grid", "Community — Grid",
            "Micro-grids and their 1+2+X teams: places, households and residents, visits, resident requests with SLA and escalation, equipment lending and community cats.");
        return builder;
    }

    public static WebApplication MapGrid(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapMessagingOperations();
        var api = app.MapApi();
        api.MapPlacesApi();
        api.MapPeopleApi();
        api.MapResidentChangesApi();
        api.MapMyDataApi();
        api.MapResidentAccountsApi();
        api.MapActingConsentsApi();
        api.MapGridsApi();
        api.MapRequestsApi();
        api.MapRequestTransitionsApi();
        api.MapRequestHandlingApi();
        api.MapFollowUpsApi();
        api.MapDisputesApi();
        api.MapVisitsApi();
        api.MapCoverageApi();
        api.MapReportsApi();
        api.MapKnownVolunteersApi();
        api.MapCatsApi();
        api.MapEquipmentApi();
        return app;
    }
}
