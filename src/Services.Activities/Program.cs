using Community.Messaging;
using Community.Messaging.Persistence;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Series;
using Community.Services.Activities.Sessions;
using Community.Services.Activities.Venues;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<ActivitiesDbContext>("activitiesdb");
builder.AddServiceMessaging<ActivitiesDbContext>("activities");
builder.Services.Configure<WaitlistOptions>(builder.Configuration.GetSection("Waitlist"));
builder.Services.AddScoped<Waitlist>();
builder.Services.AddHostedService<OfferExpiry>();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapVenuesApi();
app.MapSeriesApi();
app.MapSessionsApi();
app.MapRegistrationsApi();
app.Run();
