using Community.Services.Activities.Data;
using Community.Testing;

namespace Community.Services.Activities.Tests;

/// <summary>The Activities service on its own fresh database, for one test class.</summary>
public sealed class ActivitiesFixture : IAsyncLifetime
{
    public ServiceHost<ActivitiesDbContext> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await SharedInfrastructure.GetAsync();
        Host = new ServiceHost<ActivitiesDbContext>(
            "activitiesdb", infrastructure.Postgres.NewDatabase("activities"), await infrastructure.RabbitMq.NewVirtualHostAsync());
        await Host.StartAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
