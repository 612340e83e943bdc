using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Messaging.Tests;

/// <summary>Volunteers and Grid hosted side by side on one broker: the foundation's one real event flow.</summary>
public sealed class VolunteerFlow : IAsyncDisposable
{
    private static int _phoneSeed = Random.Shared.Next(10_000_000, 90_000_000);

    private VolunteerFlow(ServiceHost<VolunteersDbContext> volunteers, ServiceHost<GridDbContext> grid)
    {
        Volunteers = volunteers;
        Grid = grid;
    }

    public ServiceHost<VolunteersDbContext> Volunteers { get; }

    public ServiceHost<GridDbContext> Grid { get; }

    public static async Task<VolunteerFlow> StartAsync(PostgresServer postgres, string brokerConnectionString, IDictionary<string, string?>? settings = null)
    {
        var flow = new VolunteerFlow(
            new ServiceHost<VolunteersDbContext>("volunteersdb", postgres.NewDatabase("volunteers"), brokerConnectionString, settings),
            new ServiceHost<GridDbContext>("griddb", postgres.NewDatabase("grid"), brokerConnectionString, settings));
        // Grid first, so its queue is bound before anything is published.
        await flow.Grid.StartAsync();
        await flow.Volunteers.StartAsync();
        return flow;
    }

    public async Task<VolunteerDto> RegisterAsync(string name, HttpClient? client = null)
    {
        client ??= Volunteers.ClientAs(Roles.StationStaff);
        var response = await client.PostAsJsonAsync("/volunteers", new
        {
            displayName = name,
            phone = $"137{Interlocked.Increment(ref _phoneSeed):D8}",
            kind = "resident-volunteer",
            birthDate = "1968-04-01",
            skills = new[] { "cat-care" },
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<VolunteerDto>())!;
    }

    public Task<bool> GridKnowsAsync(Guid volunteerId) => Grid.WithScope(services =>
        services.GetRequiredService<GridDbContext>().KnownVolunteers.AnyAsync(v => v.VolunteerId == volunteerId));

    public async ValueTask DisposeAsync()
    {
        await Volunteers.DisposeAsync();
        await Grid.DisposeAsync();
    }
}
