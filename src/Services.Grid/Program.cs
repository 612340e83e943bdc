using Community.Services.Grid;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGrid();

var app = builder.Build();
app.UseServiceDefaults();
app.MapGrid();
app.Run();
