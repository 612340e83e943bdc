using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;

using Community.Web.SignIn;

namespace Community.Web.Notices;

/// <summary>
/// Live notices for the open inbox page. The person's tokens stay on the server, so the browser cannot join the Notices
/// hub itself: this endpoint joins it through the gateway with the person's token and passes each notice on to the
/// page as a server-sent event. The inbox stays the source of truth: the page reloads it after a lost connection.
/// </summary>
public static partial class LiveNotices
{
    public const string Path = "/my/notices/live";
    public const string HubPath = "/api/notices/hubs/notices";

    public static WebApplication MapLiveNotices(this WebApplication app)
    {
        app.MapGet(Path, StreamAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static async Task StreamAsync(HttpContext http, IOptions<WebOptions> options, TimeProvider time, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var token = await http.GetTokenAsync("access_token");
        if (token is null)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // The hub closes a connection when its token runs out, and the page comes back for a new one. A token that
        // could not be renewed (the provider busy for a moment) would be let in and closed again at once, round and
        // round: the page is told live notices are unavailable instead, and its inbox stays as it is.
        // (Cookie validation has just renewed any token that was due; one still due could not be renewed.)
        if (TokenRefresh.IsDue(await http.GetTokenAsync("expires_at"), time.GetUtcNow()))
        {
            await http.Response.WriteAsync("event: unavailable\ndata: {}\n\n", cancellationToken);
            return;
        }

        // Reconnect no sooner than ten seconds after a lost stream.
        await http.Response.WriteAsync("retry: 10000\n\n", cancellationToken);
        var arrived = Channel.CreateUnbounded<string>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(options.Value.Gateway), HubPath), connection =>
            {
                connection.AccessTokenProvider = () => Task.FromResult<string?>(token);
                // One WebSocket and no negotiation round: with several Notices instances behind one address, a
                // negotiated connection id would be unknown to the instance the next request reaches.
                connection.SkipNegotiation = true;
                connection.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        hub.On<JsonElement>("notice", notice => arrived.Writer.TryWrite(notice.GetRawText()));
        hub.Closed += _ =>
        {
            arrived.Writer.TryComplete();
            return Task.CompletedTask;
        };
        try
        {
            await hub.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
        {
            LogUnavailable(logs.CreateLogger(typeof(LiveNotices)), ex);
            // The page keeps its list and says nothing more: the inbox is still there.
            await http.Response.WriteAsync("event: unavailable\ndata: {}\n\n", cancellationToken);
            return;
        }

        await http.Response.WriteAsync(": connected\n\n", cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
        try
        {
            await foreach (var notice in arrived.Reader.ReadAllAsync(cancellationToken))
            {
                await http.Response.WriteAsync($"data: {notice}\n\n", cancellationToken);
                await http.Response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page was closed.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live notices are unavailable; the inbox page shows the stored ones.")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
