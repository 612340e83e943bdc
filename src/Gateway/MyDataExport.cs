using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Community.Gateway;

/// <summary>
/// A person's right to see what the platform holds about them (PIPL art. 45), as one JSON download: the gateway asks
/// every service that keeps personal data for its part (<c>/my-data</c>, the identity provider's <c>/accounts/me</c>)
/// with the person's own token, and joins the answers. An export missing a part is not passed off as complete: the
/// person is told which part could not be read and to try again.
/// </summary>
public static class MyDataExport
{
    /// <summary>Each service holding personal data and the path of its part, on the service itself.</summary>
    public static readonly IReadOnlyList<(string Service, string Path)> Parts =
    [
        ("identity", "/accounts/me"), ("grid", "/my-data"), ("activities", "/my-data"), ("volunteers", "/my-data"), ("notices", "/my-data"),
    ];

    public static WebApplication MapMyDataExport(this WebApplication app)
    {
        app.MapGet("/api/my-data", ExportAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpContext context, IHttpClientFactory clients, TimeProvider time, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var token = AuthenticationHeaderValue.Parse(context.Request.Headers.Authorization.ToString());
        var client = clients.CreateClient("my-data");
        var answers = await Task.WhenAll(Parts.Select(async part =>
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{part.Service}{part.Path}");
                request.Headers.Authorization = token;
                using var response = await client.SendAsync(request, cancellationToken);
                return response.IsSuccessStatusCode
                    ? (part.Service, Data: JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)), Error: (string?)null)
                    : (part.Service, null, $"answered {(int)response.StatusCode}");
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Unreachable, timed out, circuit open, or an answer that is not JSON: this part is missing, said so below.
                return (part.Service, null, ex.GetType().Name);
            }
        }));

        var missing = answers.Where(a => a.Error is not null).ToList();
        if (missing.Count > 0)
        {
            logs.CreateLogger(typeof(MyDataExport)).LogWarning("A personal data export was incomplete: {Missing}",
                string.Join("; ", missing.Select(m => $"{m.Service} {m.Error}")));
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Your data could not all be read just now.",
                detail: $"Not available: {string.Join(", ", missing.Select(m => m.Service))}. Nothing is lost; please try again in a few minutes.");
        }

        var services = new JsonObject();
        foreach (var (service, data, _) in answers)
        {
            services[service] = data;
        }

        var now = time.GetUtcNow();
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"my-data-{now:yyyy-MM-dd}.json\"";
        return TypedResults.Json(new JsonObject { ["exportedAt"] = now, ["services"] = services });
    }
}
