using Community.Identity;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentityProvider();

var app = builder.Build();
app.UseForwardedHeaders();
app.UseServiceDefaults();
app.MapIdentityProvider();
app.Run();

// Visible to the tests, which host this program.
public partial class Program;
