using Community.Services.Partners.Data;
using Community.Testing;

namespace Community.Services.Partners.Tests;

/// <summary>
/// The partners service on its own database and virtual host, with its own partners' virtual host on the test node
/// (managed through the node's management API, as in production), webhooks allowed to this machine's test listeners
/// (local mode), and retries in fractions of a second.
/// </summary>
public class PartnersFixture : ServiceFixture<PartnersDbContext>
{
    public string PartnersVirtualHost { get; } = $"partners-{Guid.NewGuid():N}";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Partners:LocalMode"] = "true",
        ["Partners:Amqp:ManagementUrl"] = RabbitMq.ManagementUrl,
        ["Partners:Amqp:VirtualHost"] = PartnersVirtualHost,
        ["Partners:Webhooks:FirstRetryDelay"] = "00:00:00.200",
        ["Partners:Webhooks:MaxRetryDelay"] = "00:00:01",
        ["Partners:Webhooks:AttemptTimeout"] = "00:00:02",
        ["Partners:Webhooks:MaxInFlightPerEndpoint"] = "2",
    };
}
