using Community.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver();
builder.AddFrontDoorLimits();

var app = builder.Build();
app.UseInternalPathsClosed();
app.UseServiceDefaults(afterAuthentication: gateway => gateway.UseFrontDoorLimits());
app.MapApiDocs();
app.MapMyDataExport();
app.MapReverseProxy(proxy => proxy.UseForwarderErrorsAsProblemDetails());
app.Run();

// Visible to the gateway tests, which host this program.
public partial class Program;
