using Community.Services.Volunteers.Data;
using Community.Testing;

namespace Community.Services.Volunteers.Tests;

/// <summary>The Volunteers service on its own fresh database, for one test class.</summary>
public sealed class VolunteersFixture : IAsyncLifetime
{
    public ServiceHost<VolunteersDbContext> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await SharedInfrastructure.GetAsync();
        Host = new ServiceHost<VolunteersDbContext>(
            "volunteersdb", infrastructure.Postgres.NewDatabase("volunteers"), await infrastructure.RabbitMq.NewVirtualHostAsync());
        await Host.StartAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
