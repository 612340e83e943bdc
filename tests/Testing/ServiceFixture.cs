using Xunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Community.Testing;

/// <summary>
/// One of our services on its own fresh database and its own RabbitMQ virtual host, for one test class
/// (<c>IClassFixture&lt;ServiceFixture&lt;GridDbContext&gt;&gt;</c>). The connection string name is the
/// DbContext's name without "DbContext", lower case, with "db": <c>GridDbContext</c> reads <c>griddb</c>.
/// Derive to change settings or services for one test class.
/// </summary>
public class ServiceFixture<TDbContext> : IAsyncLifetime where TDbContext : class
{
    public ServiceHost<TDbContext> Host { get; private set; } = null!;

    public RabbitMqNode RabbitMq { get; private set; } = null!;

    /// <summary>The service's own virtual host, for tests that publish or listen beside it.</summary>
    public string BrokerConnectionString { get; private set; } = "";

    public static string ServiceName => typeof(TDbContext).Name.Replace("DbContext", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>Settings that differ from the service's defaults in this test class.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>Services to replace in this test class (e.g. the clock).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public virtual async Task InitializeAsync()
    {
        var infrastructure = await SharedInfrastructure.GetAsync();
        RabbitMq = infrastructure.RabbitMq;
        BrokerConnectionString = await RabbitMq.NewVirtualHostAsync();
        Host = new ServiceHost<TDbContext>($"{ServiceName}db", infrastructure.Postgres.NewDatabase(ServiceName), BrokerConnectionString,
            Settings, ConfigureServices);
        await Host.StartAsync();
    }

    public virtual async Task DisposeAsync()
    {
        // Null when InitializeAsync failed before the host was made: the failure, not a second one here, is the news.
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

/// <summary>The service on a clock the tests move: doors open, offers lapse and SLAs run out when a test says so.</summary>
public class ClockedServiceFixture<TDbContext> : ServiceFixture<TDbContext> where TDbContext : class
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
