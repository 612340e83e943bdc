using Community.Services.Volunteers;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddVolunteers();

var app = builder.Build();
app.UseServiceDefaults();
app.MapVolunteers();
app.Run();
