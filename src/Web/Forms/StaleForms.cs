using Microsoft.AspNetCore.Components.Endpoints;

namespace Community.Web.Forms;

/// <summary>
/// A form posted from a page that has changed since it was drawn: the row it belonged to has left the list (another
/// tab, a colleague, a job acted first), so the page no longer renders a form of that name and Blazor answers a bare
/// "400 Cannot submit the form". The person is sent back to the same page, drawn afresh, with a sentence saying why.
/// </summary>
public static class StaleForms
{
    /// <summary>The query parameter that tells the layout to say the page had changed.</summary>
    public const string Marker = "changed";

    public static IApplicationBuilder UseStaleFormsRedirect(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType
            || context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
        {
            await next(context);
            return;
        }

        // A page's answer to a form is small and not streamed: hold it until it is known not to be that 400.
        var body = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }

        // Only a form that named itself (Blazor's _handler field) and is not on the page; a post naming no form is our bug.
        if (IsUnknownForm(context.Response) && (await context.Request.ReadFormAsync(context.RequestAborted)).ContainsKey("_handler"))
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaleForms));
            logger.LogInformation("A form posted to {Path} is no longer on the page; redrawing the page", context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = Again(context.Request);
            return;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(body, context.RequestAborted);
    });

    private static bool IsUnknownForm(HttpResponse response) =>
        response.StatusCode == StatusCodes.Status400BadRequest
        && response.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>A local address without the marker (where the page sends people back to).</summary>
    public static string Without(string localUrl)
    {
        var at = localUrl.IndexOf('?', StringComparison.Ordinal);
        if (at < 0)
        {
            return localUrl;
        }

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(localUrl[at..])
            .Where(pair => pair.Key != Marker)
            .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string?>(pair.Key, value)));
        return localUrl[..at] + QueryString.Create(query).ToUriComponent();
    }

    /// <summary>The same page and query, marked as changed (once).</summary>
    internal static string Again(HttpRequest request)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(pair => pair.Key != Marker)
            .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string?>(pair.Key, value)))
            .Append(new KeyValuePair<string, string?>(Marker, "1"));
        return request.PathBase + request.Path + QueryString.Create(query).ToUriComponent();
    }
}
