using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Community.Testing;

/// <summary>
/// A partner's webhook endpoint: a real HTTP listener on this machine that keeps what arrives and answers as the test
/// says (200, 500, 410, or slowly). Signatures are checked with the Standard Webhooks library a receiver would use.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public sealed record Delivery(string Id, string Body, IHeaderDictionary Headers, DateTimeOffset At);

    public ConcurrentQueue<Delivery> Received { get; } = new();

    /// <summary>Every request, answered or not (a slow answer still counts as arrived).</summary>
    public int Requests => _requests;

    public string Url { get; private set; } = "";

    private int _requests;

    /// <param name="answerOnce">When given, every request waits for it before answering (a partner's server that hangs until the test lets it go).</param>
    public static async Task<WebhookReceiver> StartAsync(int status = 200, TimeSpan? delay = null, Task? answerOnce = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            Interlocked.Increment(ref receiver._requests);
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (delay is { } wait)
            {
                await Task.Delay(wait);
            }

            if (answerOnce is not null)
            {
                await answerOnce.WaitAsync(context.RequestAborted);
            }

            if (status is >= 200 and < 300)
            {
                receiver.Received.Enqueue(new Delivery(context.Request.Headers["webhook-id"].ToString(), body,
                    new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), DateTimeOffset.UtcNow));
            }

            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = address + "/hook";
        return receiver;
    }

    /// <summary>Does the delivery verify with <paramref name="secret"/>, as a receiver using the Standard Webhooks library checks it?</summary>
    public static bool Verifies(Delivery delivery, string secret)
    {
        try
        {
            new StandardWebhook(secret).Verify(delivery.Body, delivery.Headers);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Does any of the delivery's signatures verify with <paramref name="secret"/>? The spec lets a sender put several in the
    /// header (during a secret rotation); this library checks only the first, so each is offered to it on its own.
    /// </summary>
    public static bool VerifiesAny(Delivery delivery, string secret) =>
        delivery.Headers["webhook-signature"].ToString().Split(' ').Any(signature =>
        {
            var single = new HeaderDictionary(delivery.Headers.ToDictionary(h => h.Key, h => h.Value)) { ["webhook-signature"] = signature };
            return Verifies(delivery with { Headers = single }, secret);
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
