using Community.Services.Grid.Data;
using Community.Testing;

namespace Community.Services.Grid.Tests;

/// <summary>The Grid service on its own fresh database and its own virtual host, for one test class.</summary>
public sealed class GridFixture : IAsyncLifetime
{
    public ServiceHost<GridDbContext> Host { get; private set; } = null!;

    public string BrokerConnectionString { get; private set; } = "";

    public RabbitMqNode RabbitMq { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await SharedInfrastructure.GetAsync();
        RabbitMq = infrastructure.RabbitMq;
        BrokerConnectionString = await RabbitMq.NewVirtualHostAsync();
        Host = new ServiceHost<GridDbContext>("griddb", infrastructure.Postgres.NewDatabase("grid"), BrokerConnectionString);
        await Host.StartAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
