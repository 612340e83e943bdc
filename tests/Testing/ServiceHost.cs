using System.Net.Http.Headers;
using Community.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Testing;

/// <summary>
/// One of our services, hosted in the test process against real PostgreSQL and RabbitMQ. Pass a type from
/// the service's assembly (its DbContext) as <typeparamref name="TEntryPoint"/>.
/// </summary>
public sealed class ServiceHost<TEntryPoint> : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    /// <summary>The key <see cref="DevTokens"/> signs with for this host; trusted here, in the test host only.</summary>
    public const string SigningKey = "test-signing-key-that-is-long-enough-for-hmac-sha256";
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _besideProvider;

    /// <param name="databaseName">The connection string name the service reads (e.g. <c>griddb</c>).</param>
    /// <param name="databaseConnectionString">Usually <see cref="PostgresServer.NewDatabase"/>.</param>
    /// <param name="brokerConnectionString">The RabbitMQ node's <c>amqp://</c> URI.</param>
    public ServiceHost(string databaseName, string databaseConnectionString, string brokerConnectionString,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        DatabaseConnectionString = databaseConnectionString;
        _settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{databaseName}"] = databaseConnectionString,
            ["ConnectionStrings:messaging"] = brokerConnectionString,
            // No provider unless the test hosts one (and names it in its settings): minted tokens are trusted instead.
            ["Auth:Authority"] = DevTokenTrust.NoProvider,
            // Short waits so failure paths finish within a test's patience.
            ["Messaging:RetryIntervalsMs:0"] = "50",
            ["Messaging:RetryIntervalsMs:1"] = "100",
            ["Messaging:RetryIntervalsMs:2"] = "200",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.200",
            ["Messaging:Outbox:MaxBackoff"] = "00:00:01",
            ["Messaging:Outbox:PublishTimeout"] = "00:00:03",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _besideProvider = _settings["Auth:Authority"] != DevTokenTrust.NoProvider;
    }

    public string DatabaseConnectionString { get; }

    /// <summary>A client whose bearer token carries <paramref name="roles"/> (none: anonymous).</summary>
    public HttpClient ClientAs(params string[] roles)
    {
        var client = CreateClient();
        if (roles.Length > 0)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Mint(SigningKey, roles));
        }

        return client;
    }

    /// <summary>
    /// Starts the service and waits until it reports healthy: migrated, and its bus connected with every
    /// queue bound — a message published earlier could find no queue and be dropped by the broker.
    /// </summary>
    public async Task StartAsync()
    {
        using var client = CreateClient();
        await Eventually.True(async () => (await client.GetAsync("/health")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "the service to report healthy");
    }

    /// <summary>Runs <paramref name="work"/> with a fresh scope's services (e.g. the DbContext).</summary>
    public async Task<T> WithScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (_besideProvider)
            {
                services.TrustDevTokensBesideProvider(SigningKey);
            }
            else
            {
                services.TrustDevTokensOnly(SigningKey);
            }
        });
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}
