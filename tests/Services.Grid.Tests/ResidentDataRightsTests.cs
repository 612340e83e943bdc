using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Contracts;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Community.Services.Grid.Places;
using Community.Services.Grid.Visits;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Grid.Tests;

/// <summary>A resident's rights over what the grid keeps: who was shown their sensitive tags, correcting the record, and moving out.</summary>
public sealed class ResidentDataRightsTests(ServiceFixture<GridDbContext> fixture) : IClassFixture<ServiceFixture<GridDbContext>>
{
    private readonly GridScenario _scenario = new(fixture.Host);

    [Fact]
    public async Task Every_showing_of_a_residents_sensitive_tags_is_logged_with_who_and_why_and_the_resident_can_read_the_log()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var team = _scenario.As(secretary, Roles.GridWorker);
        var (household, resident) = await _scenario.HouseholdAsync(building);
        var (_, neighbour) = await _scenario.HouseholdAsync(building, "13900006666");
        Assert.Equal(HttpStatusCode.OK, (await team.PostAsJsonAsync($"/residents/{resident}/tags", new { tag = "living-alone", consent = "签字同意书" })).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await team.GetAsync($"/residents/{resident}?purpose={new string('x', 201)}")).StatusCode);
        var shown = await team.GetFromJsonAsync<ResidentDto>($"/residents/{resident}?purpose=安排本月走访");
        Assert.Equal(["living-alone"], shown!.Tags);
        await team.GetFromJsonAsync<HouseholdDto>($"/households/{household}");
        // The resident reading their own record sees no tags, so nothing is logged for it.
        await _scenario.As(resident, Roles.Resident).GetFromJsonAsync<ResidentDto>($"/residents/{resident}");

        var log = (await _scenario.As(resident, Roles.Resident).GetFromJsonAsync<List<SensitiveTagReadDto>>($"/residents/{resident}/tag-reads"))!;
        Assert.Equal(["household record", "安排本月走访", "recording a sensitive tag"], log.Select(r => r.Purpose));
        Assert.All(log, r => Assert.False(string.IsNullOrWhiteSpace(r.ReadBy)));
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.GetAsync($"/residents/{resident}/tag-reads")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(neighbour, Roles.Resident).GetAsync($"/residents/{resident}/tag-reads")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await team.GetAsync($"/residents/{resident}/tag-reads")).StatusCode);
    }

    [Fact]
    public async Task A_resident_corrects_their_record_and_the_services_keeping_a_copy_are_told_but_a_neighbour_cannot()
    {
        var (_, building, _) = await _scenario.GridAsync();
        var (_, resident) = await _scenario.HouseholdAsync(building);
        var (_, neighbour) = await _scenario.HouseholdAsync(building, "13900007777");
        var me = _scenario.As(resident, Roles.Resident);

        Assert.Equal(HttpStatusCode.BadRequest, (await me.PutAsJsonAsync($"/residents/{resident}", new { birthYear = 1800, phone = "123" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(neighbour, Roles.Resident).PutAsJsonAsync($"/residents/{resident}", new { name = "别人" })).StatusCode);
        var (_, _, otherGridsWorker) = await _scenario.GridAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(otherGridsWorker, Roles.GridWorker).PutAsJsonAsync($"/residents/{resident}", new { name = "别人" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _scenario.Staff.PutAsJsonAsync($"/residents/{Guid.NewGuid()}", new { name = "谁" })).StatusCode);
        // Her birth year (which decides age-limited activities and who needs a guardian) only the people keeping the record correct.
        Assert.Equal(HttpStatusCode.BadRequest, (await me.PutAsJsonAsync($"/residents/{resident}", new { birthYear = 1941 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _scenario.Staff.PutAsJsonAsync($"/residents/{resident}", new { birthYear = DateTimeOffset.UtcNow.Year - 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.PutAsJsonAsync($"/residents/{resident}", new { birthYear = 1940 })).StatusCode);
        var corrected = await me.PutAsJsonAsync($"/residents/{resident}", new { name = "张阿婆（张秀英）", phone = "13812340000" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var record = (await corrected.Content.ReadFromJsonAsync<ResidentDto>())!;
        Assert.Equal(("张阿婆（张秀英）", 1940, "13812340000"), (record.Name, record.BirthYear, record.Phone));

        var announced = await fixture.Host.WithScope(async services => (await services.GetRequiredService<GridDbContext>().OutboxMessages
                .Where(m => m.MessageType.StartsWith("Community.Contracts.ResidentRecorded,")).Select(m => m.Payload).ToListAsync())
            .Select(p => JsonSerializer.Deserialize<ResidentRecorded>(p, JsonSerializerOptions.Web)!).Where(r => r.ResidentId == resident).ToList());
        Assert.Equal("张阿婆（张秀英）", announced.OrderBy(r => r.RecordedAt).Last().Name);
    }

    [Fact]
    public async Task A_guardians_birth_year_corrected_as_a_child_is_added_under_them_never_leaves_the_child_with_a_minor()
    {
        var (_, building, _) = await _scenario.GridAsync();
        var (household, guardian) = await _scenario.HouseholdAsync(building);
        var sixteen = DateTimeOffset.UtcNow.Year - 16;

        // Staff correct the guardian's birth year (16, from a document) just as a child is added with her as guardian.
        // The test holds her row in the weakest way (FOR KEY SHARE): the correction, which locks it, waits; adding the
        // child, which only reads it shared, does not.
        var corrected = await HeldRows.WhileWaitingAsync<GridDbContext, HttpResponseMessage>(fixture.Host.Services,
            $"SELECT 1 FROM residents WHERE id = {guardian} FOR KEY SHARE",
            () => _scenario.Staff.PutAsJsonAsync($"/residents/{guardian}", new { birthYear = sixteen }),
            "%FROM \"residents\" WHERE \"id\" = $1 FOR UPDATE%",
            async _ => Assert.Equal(HttpStatusCode.Created, (await _scenario.Staff.PostAsJsonAsync($"/households/{household}/residents",
                new { name = "小宝", birthYear = DateTimeOffset.UtcNow.Year - 8, guardianId = guardian })).StatusCode));

        // Before, the correction had looked for her children before it waited, found none, and made her 16: a child of
        // eight was left with a guardian who is a minor.
        Assert.Equal(HttpStatusCode.BadRequest, corrected.StatusCode);
        Assert.True((await corrected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("birthYear", out _));
        Assert.Equal(1940, (await _scenario.Staff.GetFromJsonAsync<ResidentDto>($"/residents/{guardian}"))!.BirthYear);
    }

    [Fact]
    public async Task A_household_that_moved_out_leaves_the_buildings_list_the_visits_and_coverage_but_its_record_stays()
    {
        var (grid, building, secretary) = await _scenario.GridAsync();
        var team = _scenario.As(secretary, Roles.GridWorker);
        var (staying, _) = await _scenario.HouseholdAsync(building);
        var (leaving, leaver) = await _scenario.HouseholdAsync(building, "13900008888");
        Assert.Equal(2, (await team.GetFromJsonAsync<CoverageDto>($"/grids/{grid}/coverage"))!.Households);

        Assert.Equal(HttpStatusCode.BadRequest, (await team.PostAsJsonAsync($"/households/{leaving}/move-out", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(leaver, Roles.Resident).PostAsJsonAsync($"/households/{leaving}/move-out", new { reason = "搬家" })).StatusCode);
        var (_, _, otherGridsWorker) = await _scenario.GridAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(otherGridsWorker, Roles.GridWorker).PostAsJsonAsync($"/households/{leaving}/move-out", new { reason = "搬家" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await team.PostAsJsonAsync($"/households/{Guid.NewGuid()}/move-out", new { reason = "搬家" })).StatusCode);
        var moved = await team.PostAsJsonAsync($"/households/{leaving}/move-out", new { reason = "全家搬到女儿家" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.All((await moved.Content.ReadFromJsonAsync<HouseholdDto>())!.Residents, r => Assert.NotNull(r.MovedOutAt));
        // Activities and Notices are told, so the team stops acting for and reaching them.
        var announced = await fixture.Host.WithScope(async services => (await services.GetRequiredService<GridDbContext>().OutboxMessages
                .Where(m => m.MessageType.StartsWith("Community.Contracts.ResidentRecorded,")).Select(m => m.Payload).ToListAsync())
            .Select(p => JsonSerializer.Deserialize<ResidentRecorded>(p, JsonSerializerOptions.Web)!).Where(r => r.ResidentId == leaver).ToList());
        Assert.NotNull(announced.OrderBy(r => r.RecordedAt).Last().MovedOutAt);

        Assert.Equal([staying], (await team.GetFromJsonAsync<List<HouseholdDto>>($"/buildings/{building}/households"))!.Select(h => h.Id));
        Assert.Equal(1, (await team.GetFromJsonAsync<CoverageDto>($"/grids/{grid}/coverage"))!.Households);
        Assert.Equal(HttpStatusCode.Conflict, (await team.PostAsJsonAsync("/visits", new { householdId = leaving, visitedAt = DateTimeOffset.UtcNow, visitorIds = new[] { secretary } })).StatusCode);
        var kept = await team.GetFromJsonAsync<HouseholdDto>($"/households/{leaving}");
        Assert.NotNull(kept!.MovedOutAt);

        // The one who left no longer reads who lives there; the unit takes a new household; nobody joins the old one.
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(leaver, Roles.Resident).GetAsync($"/households/{leaving}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await team.PostAsJsonAsync($"/households/{leaving}/residents", new { name = "新住户", birthYear = 1980 })).StatusCode);
        var unit = kept.Unit;
        Assert.Equal(HttpStatusCode.Created, (await team.PostAsJsonAsync("/households", new { buildingId = building, unit })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await team.PostAsJsonAsync("/households", new { buildingId = building, unit })).StatusCode);
    }

    [Fact]
    public async Task One_resident_moves_out_by_their_own_grid_team_and_leaves_the_households_list_while_the_rest_stay()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var team = _scenario.As(secretary, Roles.GridWorker);
        var (household, staying) = await _scenario.HouseholdAsync(building);
        var son = (await (await _scenario.Staff.PostAsJsonAsync($"/households/{household}/residents", new { name = "张阿婆的儿子", birthYear = 1975 }))
            .Content.ReadFromJsonAsync<ResidentDto>())!.Id;
        var (_, _, otherGridsWorker) = await _scenario.GridAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await team.PostAsJsonAsync($"/residents/{son}/move-out", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(otherGridsWorker, Roles.GridWorker).PostAsJsonAsync($"/residents/{son}/move-out", new { reason = "工作调动" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(staying, Roles.Resident).PostAsJsonAsync($"/residents/{son}/move-out", new { reason = "工作调动" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await team.PostAsJsonAsync($"/residents/{Guid.NewGuid()}/move-out", new { reason = "工作调动" })).StatusCode);
        var moved = await team.PostAsJsonAsync($"/residents/{son}/move-out", new { reason = "工作调动" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.NotNull((await moved.Content.ReadFromJsonAsync<ResidentDto>())!.MovedOutAt);

        var listed = Assert.Single((await team.GetFromJsonAsync<List<HouseholdDto>>($"/buildings/{building}/households"))!);
        Assert.Equal([staying], listed.Residents.Select(r => r.Id));
    }
}
