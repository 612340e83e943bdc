using System.Net;
using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Community.Services.Grid.Places;
using Community.Services.Grid.Volunteers;
using Community.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Grid.Tests;

/// <summary>A building with a grid and a full 1+2+X team, and clients in the names of its people.</summary>
public sealed class GridScenario(ServiceHost<GridDbContext> host)
{
    public HttpClient Staff => host.ClientAs(Roles.StationStaff);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Guid> Accounts = new();

    /// <summary>
    /// A client signed in as <paramref name="person"/>: for a volunteer or resident a scenario made, the account
    /// linked to their record (Grid finds "me" by that link); for anyone else, an account with that id.
    /// </summary>
    public HttpClient As(Guid person, params string[] roles)
    {
        var client = host.CreateClient();
        var subject = Accounts.TryGetValue(person, out var account) ? account : person;
        client.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.Mint(ServiceHost<GridDbContext>.SigningKey, roles, subject: subject.ToString()));
        return client;
    }

    /// <summary>The account linked to a volunteer or resident a scenario made.</summary>
    public static Guid AccountOf(Guid person) => Accounts[person];

    /// <summary>Links a resident's record to a new account, as staff do; returns the account.</summary>
    public async Task<Guid> LinkResidentAsync(Guid resident)
    {
        var account = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.OK, (await Staff.PutAsJsonAsync($"/residents/{resident}/account", new { accountId = account })).StatusCode);
        Accounts[resident] = account;
        return account;
    }

    public async Task<Guid> BuildingAsync()
    {
        var response = await Staff.PostAsJsonAsync("/buildings", new { compoundId = Compound.PulianJiayuan.Id, number = $"{Guid.NewGuid():N}"[..8], floors = 6 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<BuildingDto>())!.Id;
    }

    /// <summary>A volunteer, and the account linked to their record, as the Volunteers service announced them (the read model rows).</summary>
    public async Task<Guid> VolunteerAsync(string name = "楼组长")
    {
        var id = Guid.NewGuid();
        var account = Guid.NewGuid();
        Accounts[id] = account;
        await host.WithScope(async services =>
        {
            var db = services.GetRequiredService<GridDbContext>();
            db.KnownVolunteers.Add(new KnownVolunteer { VolunteerId = id, DisplayName = name, Kind = "party-member", RegisteredAt = DateTimeOffset.UtcNow, ReceivedAt = DateTimeOffset.UtcNow });
            db.VolunteerAccounts.Add(new VolunteerAccount { VolunteerId = id, AccountId = account, LinkedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            return true;
        });
        return id;
    }

    /// <summary>A grid over new buildings with its secretary (returned as the grid worker to act as).</summary>
    public async Task<(Guid GridId, Guid BuildingId, Guid Secretary)> GridAsync()
    {
        var building = await BuildingAsync();
        var grid = await (await Staff.PostAsJsonAsync("/grids", new { name = $"网格 {Guid.NewGuid():N}"[..12], buildingIds = new[] { building } }))
            .Content.ReadFromJsonAsync<GridDto>();
        var secretary = await VolunteerAsync("支部书记");
        Assert.Equal(HttpStatusCode.Created, (await Staff.PostAsJsonAsync($"/grids/{grid!.Id}/team", new { volunteerId = secretary, role = "secretary" })).StatusCode);
        return (grid.Id, building, secretary);
    }

    public async Task<(Guid HouseholdId, Guid ResidentId)> HouseholdAsync(Guid building, string phone = "13812345678")
    {
        var household = await (await Staff.PostAsJsonAsync("/households", new { buildingId = building, unit = $"{Random.Shared.Next(101, 2999)}" }))
            .Content.ReadFromJsonAsync<HouseholdDto>();
        var resident = await (await Staff.PostAsJsonAsync($"/households/{household!.Id}/residents", new { name = "张阿婆", birthYear = 1940, phone }))
            .Content.ReadFromJsonAsync<ResidentDto>();
        await LinkResidentAsync(resident!.Id);
        return (household.Id, resident.Id);
    }
}
