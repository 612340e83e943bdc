using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Community.Services.Partners.Amqp;

/// <summary>A partner's own AMQP login: where to connect, as whom, and which queues it may declare (its prefix).</summary>
public sealed record AmqpCredentials(string Host, int Port, string VirtualHost, string Username, string Password, string Exchange, string QueuePrefix);

/// <summary>
/// The partners' side of RabbitMQ, through its management API: the <c>partners</c> virtual host (nothing internal lives
/// there), and one user per approved partner that may declare, bind and read only queues named with its own prefix and
/// read the public exchange — never publish, never touch another partner's queues or any other virtual host.
/// </summary>
public sealed class PartnerBroker(HttpClient http, BrokerAddress broker, IOptions<PartnersOptions> options)
{
    public bool Configured => broker.ManagementUrl is not null;

    public static string Username(Guid organisationId) => $"partner-{organisationId:N}";

    public static string QueuePrefix(Guid organisationId) => $"partner-{organisationId:N}.";

    /// <summary>Creates the partners' virtual host and lets the platform's own user publish there (idempotent).</summary>
    public async Task EnsureVirtualHostAsync(CancellationToken cancellationToken)
    {
        var vhost = Uri.EscapeDataString(options.Value.Amqp.VirtualHost);
        await SendAsync(HttpMethod.Put, $"vhosts/{vhost}", new { description = "Public events for partner organisations" }, cancellationToken);
        await SendAsync(HttpMethod.Put, $"permissions/{vhost}/{Uri.EscapeDataString(broker.User)}", new { configure = ".*", write = ".*", read = ".*" }, cancellationToken);
        // A partner that binds everything and never reads must not fill the broker's disk (an alarm would stop the
        // internal event bus too): each partner queue keeps at most 100,000 messages, a week each, dropping the oldest.
        await SendAsync(HttpMethod.Put, $"policies/{vhost}/partner-queue-limits", new Dictionary<string, object>
        {
            ["pattern"] = "^partner-",
            ["definition"] = new Dictionary<string, object> { ["max-length"] = 100_000, ["overflow"] = "drop-head", ["message-ttl"] = 7L * 24 * 3600 * 1000 },
            ["priority"] = 0,
            ["apply-to"] = "queues",
        }, cancellationToken);
    }

    /// <summary>Creates (or resets) the partner's user with a new password and its narrow permissions; returns how to connect.</summary>
    public async Task<AmqpCredentials> ProvisionAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        var amqp = options.Value.Amqp;
        var user = Username(organisationId);
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var own = $"^{System.Text.RegularExpressions.Regex.Escape(QueuePrefix(organisationId))}.+$";
        var exchange = System.Text.RegularExpressions.Regex.Escape(amqp.Exchange);
        await EnsureVirtualHostAsync(cancellationToken);
        await SendAsync(HttpMethod.Put, $"users/{user}", new { password, tags = "" }, cancellationToken);
        await SendAsync(HttpMethod.Put, $"permissions/{Uri.EscapeDataString(amqp.VirtualHost)}/{user}",
            new { configure = own, write = own, read = $"^({System.Text.RegularExpressions.Regex.Escape(QueuePrefix(organisationId))}.+|{exchange})$" },
            cancellationToken);
        return new AmqpCredentials(amqp.PublicHost ?? broker.Host, broker.Port, amqp.VirtualHost, user, password, amqp.Exchange, QueuePrefix(organisationId));
    }

    private async Task SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(new Uri(broker.ManagementUrl!), "api/" + path)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{broker.User}:{broker.Password}")));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Refused, timed out, or the resilience handler's circuit is open: all mean "not now".
            throw new BrokerUnavailableException($"RabbitMQ's management API did not answer {method} {path}: {ex.Message}");
        }

        using var answered = response;
        if (!response.IsSuccessStatusCode)
        {
            throw new BrokerUnavailableException($"RabbitMQ's management API answered {(int)response.StatusCode} to {method} {path}.");
        }
    }
}

/// <summary>The broker the partners' virtual host is on: the service's own broker, from its connection string.</summary>
public sealed class BrokerAddress
{
    public BrokerAddress(IConfiguration configuration, IOptions<PartnersOptions> options)
    {
        var uri = new Uri(configuration.GetConnectionString("messaging")
            ?? throw new InvalidOperationException("Connection string 'messaging' (the RabbitMQ broker) is missing."));
        var userInfo = uri.UserInfo.Split(':', 2);
        User = Uri.UnescapeDataString(userInfo[0]);
        Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "";
        Host = uri.Host;
        Port = uri.IsDefaultPort ? 5672 : uri.Port;
        Scheme = uri.Scheme;
        ManagementUrl = options.Value.Amqp.ManagementUrl is { Length: > 0 } url ? (url.EndsWith('/') ? url : url + "/") : null;
        PartnersUri = new UriBuilder(uri) { Path = "/" + Uri.EscapeDataString(options.Value.Amqp.VirtualHost) }.Uri;
    }

    public string User { get; }

    public string Password { get; }

    public string Host { get; }

    public int Port { get; }

    public string Scheme { get; }

    public string? ManagementUrl { get; }

    /// <summary>The platform's own connection to the partners' virtual host, to publish the public exchange.</summary>
    public Uri PartnersUri { get; }
}

public sealed class BrokerUnavailableException(string message) : Exception(message);
