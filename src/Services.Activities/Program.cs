using Community.Services.Activities;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddActivities();

var app = builder.Build();
app.UseServiceDefaults();
app.MapActivities();
app.Run();
