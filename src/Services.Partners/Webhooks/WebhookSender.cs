using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace Community.Services.Partners.Webhooks;

/// <summary>What one attempt got: the status code (null when no answer came), how long it took, and what went wrong.</summary>
public sealed record AttemptResult(int? StatusCode, int DurationMs, string? Error);

/// <summary>
/// Posts one signed delivery. Its own HTTP client, not the services' default one: no service discovery (a partner's
/// URL must never reach an internal service by name), no redirects, no automatic retries (the dispatcher retries, on
/// its schedule), and every connection checked against private addresses (a DNS answer may change after registration).
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public WebhookSender(IOptions<PartnersOptions> options)
    {
        var localMode = options.Value.LocalMode;
        _timeout = options.Value.Webhooks.AttemptTimeout;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // A proxy would resolve the partner's host itself, after the address check below.
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = Math.Max(1, options.Value.Webhooks.MaxInFlightPerEndpoint),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var host = context.DnsEndPoint.Host;
                var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
                if (!localMode && !addresses.All(EndpointAddress.IsPublic))
                {
                    throw new HttpRequestException($"Refused to connect to {host}: it resolves to a private, loopback or link-local address.");
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// The <c>webhook-signature</c> header: one <c>v1,</c> signature per secret, space-separated, the current secret's first —
    /// some receivers' libraries check only the first, and a partner that rotated switches to the new secret at once.
    /// </summary>
    public static string Signature(IReadOnlyList<string> secrets, string messageId, DateTimeOffset timestamp, string payload) =>
        string.Join(' ', secrets.Select(secret => new StandardWebhook(secret).Sign(messageId, timestamp, payload)));

    public async Task<AttemptResult> SendAsync(string url, IReadOnlyList<string> secrets, Guid eventId, string envelope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var messageId = eventId.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(envelope, Encoding.UTF8, "application/cloudevents+json"),
        };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", Signature(secrets, messageId, now, envelope));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new AttemptResult((int)response.StatusCode, (int)watch.ElapsedMilliseconds, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(null, (int)watch.ElapsedMilliseconds, $"No answer within {_timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            var message = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
            return new AttemptResult(null, (int)watch.ElapsedMilliseconds, message);
        }
    }

    public void Dispose() => _http.Dispose();
}
