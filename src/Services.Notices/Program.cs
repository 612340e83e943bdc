using Community.Services.Notices;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapNotices();
app.Run();
