using Community.Messaging;
using Community.Messaging.Persistence;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Community.Services.Grid.Places;
using Community.Services.Grid.Requests;
using Community.Services.Grid.Visits;
using Community.Services.Grid.Volunteers;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<GridDbContext>("griddb");
builder.AddServiceMessaging<GridDbContext>("grid", bus => bus.AddConsumer<VolunteerRegisteredConsumer>());
builder.Services.Configure<SlaOptions>(builder.Configuration.GetSection("Requests"));
builder.Services.AddHostedService<EscalationWatch>();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapPlacesApi();
app.MapPeopleApi();
app.MapGridsApi();
app.MapRequestsApi();
app.MapDisputesApi();
app.MapVisitsApi();
app.MapCoverageApi();
app.MapKnownVolunteersApi();
app.Run();
