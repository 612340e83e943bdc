using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Community.Messaging.Operations;

/// <summary>
/// Who may call <c>/ops</c>: whoever holds the operations key the AppHost gives every service
/// (<c>Operations:Key</c>, generated once and kept with the data), sent as <c>X-Operations-Key</c>. The dashboard's
/// resource commands send it; people never do, and the gateway does not forward <c>/ops</c> at all.
/// Without a configured key the endpoints answer 404, as if they did not exist.
/// </summary>
public sealed class OperationsAccess(IConfiguration configuration) : IEndpointFilter
{
    public const string Header = "X-Operations-Key";
    public const string ByHeader = "X-Operations-By";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = configuration["Operations:Key"];
        if (string.IsNullOrEmpty(key))
        {
            return TypedResults.NotFound();
        }

        var given = context.HttpContext.Request.Headers[Header].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Operations key required",
                detail: $"Operations endpoints need the {Header} header the AppHost gives its resource commands.");
        }

        return await next(context);
    }

    /// <summary>Who the dashboard says acted (the AppHost's user), for the log.</summary>
    public static string By(HttpContext context) =>
        context.Request.Headers[ByHeader].ToString() is { Length: > 0 and <= 100 } by ? by : "an operator";
}
