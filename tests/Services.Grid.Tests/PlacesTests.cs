using Community.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Places;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Grid.Tests;

public sealed class PlacesTests(ServiceFixture<GridDbContext> fixture) : IClassFixture<ServiceFixture<GridDbContext>>
{
    private static readonly Guid YangchengGuidu = Compound.YangchengGuidu.Id;
    private static readonly Guid PulianJiayuan = Compound.PulianJiayuan.Id;

    private static string UniqueNumber() => Random.Shared.Next(1, 99_999).ToString() + (char)('A' + Random.Shared.Next(26));

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_bring_the_two_compounds()
    {
        var (pending, compounds) = await fixture.Host.WithScope(async services =>
        {
            var db = services.GetRequiredService<GridDbContext>();
            return ((await db.Database.GetPendingMigrationsAsync()).ToList(), await db.Compounds.Select(c => c.Name).ToListAsync());
        });

        Assert.Empty(pending);
        Assert.Contains("阳城贵都", compounds);
        Assert.Contains("浦联佳苑", compounds);
    }

    [Fact]
    public async Task Registering_a_building_returns_201_and_queues_BuildingRegistered()
    {
        var staff = fixture.Host.ClientAs(Roles.StationStaff);
        var number = UniqueNumber();

        var response = await staff.PostAsJsonAsync("/buildings", new { compoundId = YangchengGuidu, number, floors = 18, latitude = 31.27, longitude = 121.45 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var building = await response.Content.ReadFromJsonAsync<BuildingDto>();
        Assert.Equal(number, building!.Number);
        var fetched = await staff.GetFromJsonAsync<BuildingDto>($"/buildings/{building.Id}");
        Assert.Equal(18, fetched!.Floors);
        var queued = await OutboxPayloadsAsync("BuildingRegistered");
        Assert.Single(queued, p => p.Contains(building.Id.ToString()));
    }

    [Fact]
    public async Task A_building_number_is_unique_within_its_compound_only()
    {
        var staff = fixture.Host.ClientAs(Roles.StationStaff);
        var number = UniqueNumber();

        var first = await staff.PostAsJsonAsync("/buildings", new { compoundId = YangchengGuidu, number, floors = 6 });
        var again = await staff.PostAsJsonAsync("/buildings", new { compoundId = YangchengGuidu, number, floors = 6 });
        var otherCompound = await staff.PostAsJsonAsync("/buildings", new { compoundId = PulianJiayuan, number, floors = 6 });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Created, otherCompound.StatusCode);
    }

    [Fact]
    public async Task Racing_registrations_of_one_building_create_it_once()
    {
        var staff = fixture.Host.ClientAs(Roles.StationStaff);
        var number = UniqueNumber();

        var responses = await Task.WhenAll(Enumerable.Range(0, 25)
            .Select(_ => staff.PostAsJsonAsync("/buildings", new { compoundId = PulianJiayuan, number, floors = 11 })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Single(await OutboxPayloadsAsync("BuildingRegistered"), p => p.Contains($"\"{number}\""));
    }

    [Fact]
    public async Task Bad_building_input_gets_400_with_field_errors()
    {
        var staff = fixture.Host.ClientAs(Roles.StationStaff);

        var response = await staff.PostAsJsonAsync("/buildings", new { number = "", floors = 0, latitude = 31.2 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "compoundId", "number", "floors", "longitude" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
    }

    [Fact]
    public async Task A_building_in_an_unknown_compound_is_a_404()
    {
        var response = await fixture.Host.ClientAs(Roles.Admin)
            .PostAsJsonAsync("/buildings", new { compoundId = Guid.NewGuid(), number = "1", floors = 5 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ProblemTypes.NotFound, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Residents_may_look_at_buildings_but_not_register_them()
    {
        var resident = fixture.Host.ClientAs(Roles.Resident);

        var register = await resident.PostAsJsonAsync("/buildings", new { compoundId = YangchengGuidu, number = UniqueNumber(), floors = 5 });
        var list = await resident.GetAsync("/buildings");
        var createCompound = await resident.PostAsJsonAsync("/compounds", new { name = "新小区" });

        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, createCompound.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_every_endpoint_is_401()
    {
        var anonymous = fixture.Host.ClientAs();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/compounds")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/buildings")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/volunteers")).StatusCode);
    }

    [Fact]
    public async Task Compound_names_are_unique()
    {
        var admin = fixture.Host.ClientAs(Roles.Admin);
        var name = $"测试小区-{Guid.NewGuid():N}"[..20];

        var first = await admin.PostAsJsonAsync("/compounds", new { name });
        var second = await admin.PostAsJsonAsync("/compounds", new { name });
        var blank = await admin.PostAsJsonAsync("/compounds", new { name = " " });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        var compounds = await admin.GetFromJsonAsync<List<CompoundDto>>("/compounds");
        Assert.Single(compounds!, c => c.Name == name);
    }

    [Fact]
    public async Task Buildings_of_a_compound_are_listed_page_by_page()
    {
        var staff = fixture.Host.ClientAs(Roles.StationStaff);
        var compound = await (await staff.PostAsJsonAsync("/compounds", new { name = $"分页-{Guid.NewGuid():N}"[..15] }))
            .Content.ReadFromJsonAsync<CompoundDto>();
        foreach (var number in new[] { "1", "2", "10" })
        {
            await staff.PostAsJsonAsync("/buildings", new { compoundId = compound!.Id, number, floors = 6 });
        }

        var first = await staff.GetFromJsonAsync<Page<BuildingDto>>($"/buildings?compoundId={compound!.Id}&pageSize=2");
        var second = await staff.GetFromJsonAsync<Page<BuildingDto>>($"/buildings?compoundId={compound.Id}&pageSize=2&page=2");
        var badPage = await staff.GetAsync("/buildings?page=0");

        Assert.Equal(3, first!.Total);
        Assert.Equal(["1", "2"], first.Items.Select(b => b.Number));
        Assert.Equal(["10"], second!.Items.Select(b => b.Number));
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
    }

    private Task<List<string>> OutboxPayloadsAsync(string contract) => fixture.Host.WithScope(services =>
        services.GetRequiredService<GridDbContext>().OutboxMessages
            .Where(m => m.MessageType.StartsWith($"Community.Contracts.{contract},"))
            .Select(m => m.Payload)
            .ToListAsync());
}
