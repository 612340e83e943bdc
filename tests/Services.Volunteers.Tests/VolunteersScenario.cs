using System.Net;
using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Opportunities;
using Community.Services.Volunteers.Registry;
using Community.Contracts;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Volunteers.Tests;

/// <summary>Registers people and opens clients in their name, for tests that need a cast.</summary>
public sealed class VolunteersScenario(ServiceHost<VolunteersDbContext> host)
{
    private static int _phoneSeed = Random.Shared.Next(10_000_000, 90_000_000);

    public static readonly DateOnly ChildBirthDate = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-10);

    public HttpClient Staff => host.ClientAs(Roles.StationStaff);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Guid> _accounts = new();

    /// <summary>
    /// A client signed in as <paramref name="person"/>: for a volunteer this scenario registered, the account linked
    /// to their record (the registry finds "me" by that link); for anyone else, an account with that id.
    /// </summary>
    public HttpClient As(Guid person, string role = Roles.Volunteer)
    {
        var client = host.CreateClient();
        var subject = _accounts.TryGetValue(person, out var account) ? account : person;
        client.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.Mint(ServiceHost<VolunteersDbContext>.SigningKey, [role], subject: subject.ToString()));
        return client;
    }

    /// <summary>The account staff linked to a volunteer this scenario registered.</summary>
    public Guid AccountOf(Guid volunteer) => _accounts[volunteer];

    public static readonly DateOnly AdultBirthDate = new(1975, 3, 1);

    /// <param name="supervisor">Marked by staff as an adult who may supervise children on shifts (only they count for the ratio).</param>
    public async Task<Guid> AdultAsync(string name = "志愿者", string kind = "resident-volunteer", string[]? skills = null, Guid? homeBuildingId = null, object? availability = null,
        bool supervisor = false)
    {
        var response = await Staff.PostAsJsonAsync("/volunteers", new
        {
            displayName = name, phone = $"139{Interlocked.Increment(ref _phoneSeed):D8}", kind, skills = skills ?? [], homeBuildingId, availability, birthDate = AdultBirthDate,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<VolunteerDto>())!.Id;
        if (supervisor)
        {
            Assert.Equal(HttpStatusCode.OK, (await Staff.PutAsJsonAsync($"/volunteers/{id}/supervision", new { supervises = true })).StatusCode);
        }

        var account = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.OK, (await Staff.PutAsJsonAsync($"/volunteers/{id}/account", new { accountId = account })).StatusCode);
        _accounts[id] = account;
        return id;
    }

    public async Task<Guid> ChildAsync(Guid guardianId, string name = "小队员")
    {
        var response = await As(guardianId).PostAsJsonAsync("/volunteers", new
        {
            displayName = name, kind = "young-pioneer", birthDate = ChildBirthDate, guardianId, consentScope = "河道清洁",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<VolunteerDto>())!.Id;
    }

    /// <summary>
    /// A grid worker of a new grid covering <paramref name="buildingIds"/>: a volunteer in the registry, in the grid's
    /// team as Grid announces it (the real events, through the broker), signed in with the account linked to them.
    /// </summary>
    public async Task<(Guid GridId, Guid VolunteerId, HttpClient Client)> GridWorkerOfAsync(IBus bus, params Guid[] buildingIds)
    {
        var worker = await AdultAsync("网格员");
        var grid = Guid.NewGuid();
        await bus.Publish(new GridBuildingsChanged(grid, buildingIds, DateTimeOffset.UtcNow));
        await bus.Publish(new GridTeamChanged(grid, worker, "secretary", "joined", DateTimeOffset.UtcNow));
        await Eventually.True(() => host.WithScope(async services =>
        {
            var db = services.GetRequiredService<VolunteersDbContext>();
            return await db.GridTeamMembers.AnyAsync(m => m.GridId == grid && m.VolunteerId == worker && m.Active) &&
                await db.BuildingGrids.CountAsync(b => b.GridId == grid) == buildingIds.Length;
        }), TimeSpan.FromSeconds(30), "the grid's team and buildings in the registry's read model");
        return (grid, worker, As(worker, Roles.GridWorker));
    }

    /// <summary>A staff-created opportunity with one shift; returns the shift.</summary>
    public async Task<ShiftDto> ShiftAsync(DateTimeOffset startsAt, int max, int min = 0, string? skill = null, Guid? buildingId = null, double hours = 2)
    {
        var response = await Staff.PostAsJsonAsync("/opportunities", new
        {
            title = "河道清洁", skill,
            shifts = new[] { new { startsAt = startsAt.ToOffset(TimeSpan.FromHours(8)), endsAt = startsAt.AddHours(hours).ToOffset(TimeSpan.FromHours(8)), place = "彭越浦河岸", buildingId, minVolunteers = min, maxVolunteers = max } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OpportunityDto>())!.Shifts.Single();
    }
}
