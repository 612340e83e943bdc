using System.Diagnostics;
using System.Globalization;

namespace Community.Web;

/// <summary>
/// Every answer says how long the server took to make it (W3C Server-Timing, <c>app;dur=</c> milliseconds, up to the
/// moment the answer starts): a browser's developer tools show it beside the network time, and the web benchmark adds
/// it up to tell the server's share of a check-in from the client's and the network's.
/// </summary>
public static class ServerTiming
{
    public const string Header = "Server-Timing";

    public static IApplicationBuilder UseServerTiming(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers.Append(Header, $"app;dur={milliseconds.ToString("0.0", CultureInfo.InvariantCulture)}");
            return Task.CompletedTask;
        });
        await next(context);
    });
}
