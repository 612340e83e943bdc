using Community.Messaging;
using Community.Messaging.Persistence;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<VolunteersDbContext>("volunteersdb");
builder.AddServiceMessaging<VolunteersDbContext>("volunteers");
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapRegistryApi();
app.Run();
