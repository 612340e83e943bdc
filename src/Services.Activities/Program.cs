using Community.Messaging;
using Community.Messaging.Persistence;
using Community.Services.Activities;
using Community.Services.Activities.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<ActivitiesDbContext>("activitiesdb");
builder.AddServiceMessaging<ActivitiesDbContext>("activities", ActivitiesModule.AddConsumers);
builder.AddActivities();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapActivitiesApi();
app.Run();
