using Community.Messaging;
using Community.Messaging.Persistence;
using Community.Services.Activities.Data;
using Community.Services.Activities.Venues;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<ActivitiesDbContext>("activitiesdb");
builder.AddServiceMessaging<ActivitiesDbContext>("activities");
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapVenuesApi();
app.Run();
