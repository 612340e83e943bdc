using Community.Services.Partners;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPartners();

var app = builder.Build();
app.UseServiceDefaults();
app.MapPartners();
app.Run();
