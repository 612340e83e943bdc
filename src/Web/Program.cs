using Community.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddHostDefaults();
builder.AddWeb();

var app = builder.Build();
app.MapWeb();
app.Run();

// Visible to the tests, which host this program.
public partial class Program;
