using Scalar.AspNetCore;

namespace Community.Gateway;

/// <summary>
/// Browsable documentation of every service's API at <c>/docs</c> (Scalar, served from the package, no CDN), read
/// from the OpenAPI documents the gateway forwards at <c>/api/{service}/openapi/v1.json</c>. Each document names
/// <c>/api/{service}</c> as its server, so "try it" goes through the gateway like any client.
/// </summary>
public static class ApiDocs
{
    public static readonly IReadOnlyList<(string Service, string Title)> Services =
    [
        ("activities", "Activities"), ("grid", "Grid"), ("volunteers", "Volunteers"), ("notices", "Notices"), ("partners", "Partners"), ("identity", "Identity"),
    ];

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapScalarApiReference("/docs", options =>
        {
            options.WithTitle("Community API");
            foreach (var (service, title) in Services)
            {
                options.AddDocument(service, title, $"/api/{service}/openapi/v1.json");
            }
        }).AllowAnonymous();
        return app;
    }
}
