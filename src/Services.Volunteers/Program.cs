using Community.Messaging;
using Community.Messaging.Persistence;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Hours;
using Community.Services.Volunteers.Opportunities;
using Community.Services.Volunteers.Registry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<VolunteersDbContext>("volunteersdb");
builder.AddServiceMessaging<VolunteersDbContext>("volunteers", bus =>
{
    bus.AddConsumer<VolunteersRequestedConsumer>();
    bus.AddConsumer<SessionCompletedConsumer>();
    bus.AddConsumer<SessionCancelledConsumer>();
});
builder.Services.Configure<SupervisionOptions>(builder.Configuration.GetSection("Supervision"));
builder.Services.AddHostedService<UnderstaffingWatch>();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapRegistryApi();
app.MapShiftsApi();
app.MapHoursApi();
app.Run();
