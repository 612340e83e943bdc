using Community.Contracts;
using Community.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Community.Services.Grid.Places;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Grid.Tests;

/// <summary>Grids and their 1+2+X teams, and households and residents with their privacy rules.</summary>
public sealed class GridsAndPeopleTests(ServiceFixture<GridDbContext> fixture) : IClassFixture<ServiceFixture<GridDbContext>>
{
    private readonly GridScenario _scenario = new(fixture.Host);

    [Fact]
    public async Task A_grid_worker_reads_their_own_grid_and_its_team_history_but_no_other()
    {
        var (mine, _, secretary) = await _scenario.GridAsync();
        var (other, _, _) = await _scenario.GridAsync();
        var worker = _scenario.As(secretary, Roles.GridWorker);

        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/grids/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/grids/{mine}/team/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"/grids/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"/grids/{other}/team/history")).StatusCode);

        var listed = (await worker.GetFromJsonAsync<List<GridSummaryDto>>("/grids"))!.Select(g => g.Id).ToList();
        Assert.Contains(mine, listed);
        Assert.DoesNotContain(other, listed);
        Assert.Contains(other, (await _scenario.Staff.GetFromJsonAsync<List<GridSummaryDto>>("/grids"))!.Select(g => g.Id));
    }

    [Fact]
    public async Task Staff_link_a_resident_to_one_account_and_the_resident_finds_themselves_by_it_not_by_a_token_naming_their_record()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var household = await (await _scenario.Staff.PostAsJsonAsync("/households", new { buildingId = building, unit = $"{Random.Shared.Next(101, 2999)}" }))
            .Content.ReadFromJsonAsync<HouseholdDto>();
        var resident = (await (await _scenario.Staff.PostAsJsonAsync($"/households/{household!.Id}/residents", new { name = "钱老伯", birthYear = 1941 }))
            .Content.ReadFromJsonAsync<ResidentDto>())!;
        var other = (await (await _scenario.Staff.PostAsJsonAsync($"/households/{household.Id}/residents", new { name = "钱阿婆", birthYear = 1943 }))
            .Content.ReadFromJsonAsync<ResidentDto>())!;
        Assert.False(resident.HasAccount);

        // Before linking, a token that names the record itself is nobody in particular.
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(resident.Id, Roles.Resident).GetAsync($"/residents/{resident.Id}")).StatusCode);
        var account = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(account, Roles.Resident).PutAsJsonAsync($"/residents/{resident.Id}/account", new { accountId = account })).StatusCode);
        // Linking is the station's: not even the resident's own grid team links an account to a record.
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(secretary, Roles.GridWorker).PutAsJsonAsync($"/residents/{resident.Id}/account", new { accountId = account })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _scenario.Staff.PutAsJsonAsync($"/residents/{resident.Id}/account", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _scenario.Staff.PutAsJsonAsync($"/residents/{Guid.NewGuid()}/account", new { accountId = account })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _scenario.As(account, Roles.Resident).GetAsync("/residents/me")).StatusCode);

        var linked = await _scenario.Staff.PutAsJsonAsync($"/residents/{resident.Id}/account", new { accountId = account });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.True((await linked.Content.ReadFromJsonAsync<ResidentDto>())!.HasAccount);
        // Linking again is harmless; another account for the record, or the account for another record, is a conflict.
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.PutAsJsonAsync($"/residents/{resident.Id}/account", new { accountId = account })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _scenario.Staff.PutAsJsonAsync($"/residents/{resident.Id}/account", new { accountId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _scenario.Staff.PutAsJsonAsync($"/residents/{other.Id}/account", new { accountId = account })).StatusCode);

        var me = _scenario.As(account, Roles.Resident);
        Assert.Equal(resident.Id, (await me.GetFromJsonAsync<ResidentDto>("/residents/me"))!.Id);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync($"/residents/{resident.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync($"/households/{household.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await me.GetAsync($"/residents/{other.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_refusal_an_endpoint_returns_itself_is_problem_details_with_the_trace_id()
    {
        var response = await _scenario.Staff.GetAsync($"/grids/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ProblemTypes.NotFound, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.StartsWith("/grids/", problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Twenty_grids_racing_for_one_building_leave_it_in_exactly_one()
    {
        var building = await _scenario.BuildingAsync();
        var grids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            grids.Add((await (await _scenario.Staff.PostAsJsonAsync("/grids", new { name = $"竞争网格 {Guid.NewGuid():N}"[..14] })).Content.ReadFromJsonAsync<GridDto>())!.Id);
        }

        var responses = await Task.WhenAll(grids.Select(g => _scenario.Staff.PostAsJsonAsync($"/grids/{g}/buildings", new { buildingId = building })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Contains("building-in-another-grid", await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync());
        var current = await fixture.Host.WithScope(async s => await s.GetRequiredService<GridDbContext>().GridBuildings.CountAsync(b => b.BuildingId == building && b.Until == null));
        Assert.Equal(1, current);

        // Out of its grid, it can join another; the history keeps both.
        var winner = grids[Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.OK)];
        Assert.Equal(HttpStatusCode.NoContent, (await _scenario.Staff.PostAsync($"/grids/{winner}/buildings/{building}/remove", null)).StatusCode);
        var other = grids.First(g => g != winner);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.PostAsJsonAsync($"/grids/{other}/buildings", new { buildingId = building })).StatusCode);
        Assert.Equal(2, await fixture.Host.WithScope(async s => await s.GetRequiredService<GridDbContext>().GridBuildings.CountAsync(b => b.BuildingId == building)));
    }

    [Fact]
    public async Task Buildings_added_to_one_grid_at_once_are_all_in_its_latest_announced_map()
    {
        var grid = (await (await _scenario.Staff.PostAsJsonAsync("/grids", new { name = $"同时加楼 {Guid.NewGuid():N}"[..14] })).Content.ReadFromJsonAsync<GridDto>())!.Id;
        var buildings = new List<Guid>();
        for (var i = 0; i < 16; i++)
        {
            buildings.Add(await _scenario.BuildingAsync());
        }

        var responses = await Task.WhenAll(buildings.Select(b => _scenario.Staff.PostAsJsonAsync($"/grids/{grid}/buildings", new { buildingId = b })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        // Other services take the announcement with the latest time as the grid's map: it must hold all sixteen. Without
        // the grid's lock, changes read the set side by side and each announced it without the others' buildings.
        var payloads = await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().OutboxMessages
            .Where(m => m.MessageType.Contains(nameof(GridBuildingsChanged))).Select(m => m.Payload).ToListAsync());
        var latest = payloads.Select(p => JsonSerializer.Deserialize<GridBuildingsChanged>(p, JsonSerializerOptions.Web)!)
            .Where(m => m.GridId == grid).MaxBy(m => m.ChangedAt)!;
        Assert.Equal(buildings.Order(), latest.BuildingIds.Order());
    }

    [Fact]
    public async Task A_team_has_one_secretary_at_a_time_and_keeps_its_history()
    {
        var (grid, _, secretary) = await _scenario.GridAsync();
        var second = await _scenario.VolunteerAsync("另一位书记");
        var leader = await _scenario.VolunteerAsync("楼组长");
        var youth = await _scenario.VolunteerAsync("青年代表");
        var helper = await _scenario.VolunteerAsync("楼组志愿者");

        var secondSecretary = await _scenario.Staff.PostAsJsonAsync($"/grids/{grid}/team", new { volunteerId = second, role = "secretary" });
        Assert.Equal(HttpStatusCode.Conflict, secondSecretary.StatusCode);
        Assert.Contains("team-role-taken", await secondSecretary.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await _scenario.Staff.PostAsJsonAsync($"/grids/{grid}/team", new { volunteerId = second, role = "captain" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _scenario.Staff.PostAsJsonAsync($"/grids/{grid}/team", new { volunteerId = Guid.NewGuid(), role = "volunteer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(secretary, Roles.GridWorker).PostAsJsonAsync($"/grids/{grid}/team", new { volunteerId = helper, role = "volunteer" })).StatusCode);

        foreach (var (who, role) in new[] { (leader, "building-leader"), (youth, "youth-representative"), (helper, "volunteer") })
        {
            Assert.Equal(HttpStatusCode.Created, (await _scenario.Staff.PostAsJsonAsync($"/grids/{grid}/team", new { volunteerId = who, role })).StatusCode);
        }

        Assert.True((await _scenario.Staff.GetFromJsonAsync<GridDto>($"/grids/{grid}"))!.TeamComplete);

        var team = (await _scenario.Staff.GetFromJsonAsync<GridDto>($"/grids/{grid}"))!.Team;
        var current = team.Single(m => m.Role == "secretary");
        Assert.Equal(HttpStatusCode.BadRequest, (await _scenario.Staff.PostAsJsonAsync($"/grids/{grid}/team/{current.Id}/end", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.PostAsJsonAsync($"/grids/{grid}/team/{current.Id}/end", new { reason = "换届" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _scenario.Staff.PostAsJsonAsync($"/grids/{grid}/team", new { volunteerId = second, role = "secretary" })).StatusCode);

        var history = await _scenario.Staff.GetFromJsonAsync<List<TeamMemberDto>>($"/grids/{grid}/team/history");
        var secretaries = history!.Where(m => m.Role == "secretary").OrderBy(m => m.From).ToList();
        Assert.Equal([secretary, second], secretaries.Select(m => m.VolunteerId));
        Assert.Equal("换届", secretaries[0].EndReason);
        Assert.NotNull(secretaries[0].Until);
        Assert.Null(secretaries[1].Until);

        var events = await fixture.Host.WithScope(async s => (await s.GetRequiredService<GridDbContext>().OutboxMessages
            .Where(m => m.MessageType.StartsWith("Community.Contracts.GridTeamChanged,")).Select(m => m.Payload).ToListAsync()).Count(p => p.Contains(grid.ToString())));
        Assert.Equal(6, events);
    }

    [Fact]
    public async Task Phones_and_sensitive_tags_are_for_staff_and_the_residents_own_grid_team_only()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var (_, _, otherSecretary) = await _scenario.GridAsync();
        var (household, resident) = await _scenario.HouseholdAsync(building);
        var neighbour = (await _scenario.HouseholdAsync(building, "13900001111")).ResidentId;
        var ownTeam = _scenario.As(secretary, Roles.GridWorker);
        var otherTeam = _scenario.As(otherSecretary, Roles.GridWorker);

        Assert.Equal(HttpStatusCode.BadRequest, (await ownTeam.PostAsJsonAsync($"/residents/{resident}/tags", new { tag = "living-alone" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ownTeam.PostAsJsonAsync($"/residents/{resident}/tags", new { tag = "rich", consent = "口头同意" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownTeam.PostAsJsonAsync($"/residents/{resident}/tags", new { tag = "living-alone", consent = "走访时口头同意" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherTeam.PostAsJsonAsync($"/residents/{resident}/tags", new { tag = "veteran", consent = "x" })).StatusCode);

        var byTeam = await ownTeam.GetFromJsonAsync<ResidentDto>($"/residents/{resident}");
        Assert.Equal("13812345678", byTeam!.Phone);
        Assert.Equal(["living-alone"], byTeam.Tags);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherTeam.GetAsync($"/residents/{resident}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherTeam.GetAsync($"/households/{household}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherTeam.GetAsync($"/buildings/{building}/households")).StatusCode);

        // The resident sees themselves but not their tags' keepers' view; a neighbour sees nothing.
        var self = await _scenario.As(resident, Roles.Resident).GetFromJsonAsync<ResidentDto>($"/residents/{resident}");
        Assert.Equal("13812345678", self!.Phone);
        Assert.Empty(self.Tags);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(neighbour, Roles.Resident).GetAsync($"/residents/{resident}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(neighbour, Roles.Resident).GetAsync($"/households/{household}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _scenario.Staff.GetAsync($"/residents/{Guid.NewGuid()}")).StatusCode);

        // Withdrawing consent deletes the tag.
        Assert.Equal(HttpStatusCode.NoContent, (await _scenario.As(resident, Roles.Resident).DeleteAsync($"/residents/{resident}/tags/living-alone")).StatusCode);
        Assert.Empty((await ownTeam.GetFromJsonAsync<ResidentDto>($"/residents/{resident}"))!.Tags);

        // A child needs a guardian; the guardian must be an adult resident.
        var child = new { name = "小宝", birthYear = DateTime.UtcNow.Year - 8 };
        var noGuardian = await _scenario.Staff.PostAsJsonAsync($"/households/{household}/residents", child);
        Assert.Equal(HttpStatusCode.BadRequest, noGuardian.StatusCode);
        Assert.True((await noGuardian.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("guardianId", out _));
        Assert.Equal(HttpStatusCode.Created,
            (await _scenario.Staff.PostAsJsonAsync($"/households/{household}/residents", new { child.name, child.birthYear, guardianId = resident })).StatusCode);

        // No phone reached the outbox; a name only in the internal ResidentRecorded (Activities takes registrations' facts from it).
        var messages = await fixture.Host.WithScope(async s => await s.GetRequiredService<GridDbContext>().OutboxMessages
            .Select(m => new { m.MessageType, m.Payload }).ToListAsync());
        Assert.DoesNotContain(messages, m => m.Payload.Contains("13812345678"));
        Assert.DoesNotContain(messages, m => m.Payload.Contains("张阿婆") && !m.MessageType.StartsWith("Community.Contracts.ResidentRecorded,", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.MessageType.StartsWith("Community.Contracts.ResidentRecorded,", StringComparison.Ordinal) && m.Payload.Contains(resident.ToString()));
    }

    [Fact]
    public async Task Another_grids_worker_and_another_resident_are_refused_on_every_people_and_dispute_endpoint_that_takes_an_id()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var (otherGrid, _, stranger) = await _scenario.GridAsync();
        var (household, resident) = await _scenario.HouseholdAsync(building);
        var (otherHousehold, neighbour) = await _scenario.HouseholdAsync(building, "13900007777");
        var request = await (await _scenario.As(resident, Roles.Resident).PostAsJsonAsync("/requests",
            new { category = "neighbour-dispute", channel = "walk-in", buildingId = building, description = "楼上噪音" })).Content.ReadFromJsonAsync<Requests.RequestDto>();
        Assert.Equal(HttpStatusCode.Created, (await _scenario.As(secretary, Roles.GridWorker).PostAsJsonAsync($"/requests/{request!.Id}/dispute",
            new { partyHouseholdIds = new[] { household, otherHousehold }, mediator = "书记" })).StatusCode);
        var otherTeam = _scenario.As(stranger, Roles.GridWorker);
        var otherResident = _scenario.As(neighbour, Roles.Resident);

        var refused = new[]
        {
            await otherTeam.PostAsJsonAsync($"/households/{household}/residents", new { name = "某人", birthYear = 1980 }),
            await otherTeam.DeleteAsync($"/residents/{resident}/tags/living-alone"),
            await otherResident.DeleteAsync($"/residents/{resident}/tags/living-alone"),
            await otherTeam.GetAsync($"/requests/{request.Id}/dispute"),
            await otherTeam.PostAsJsonAsync($"/requests/{request.Id}/dispute", new { partyHouseholdIds = new[] { household, otherHousehold }, mediator = "x" }),
            await otherTeam.PostAsJsonAsync($"/requests/{request.Id}/dispute/sessions", new { heldAt = DateTimeOffset.UtcNow, summary = "x" }),
            await otherTeam.PostAsJsonAsync($"/requests/{request.Id}/dispute/agreement", new { text = "x" }),
            await otherResident.GetAsync($"/requests/{request.Id}/dispute"),
            // Appointing is for staff, even in the worker's own grid.
            await otherTeam.PostAsJsonAsync($"/grids/{otherGrid}/team", new { volunteerId = stranger, role = "volunteer" }),
        };
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.DoesNotContain((await otherTeam.GetFromJsonAsync<List<Requests.ScheduledFollowUpDto>>("/follow-ups/due?until=2100-01-01"))!, f => f.RequestId == request.Id);
    }

    [Fact]
    public async Task A_move_out_and_an_account_link_at_once_are_both_in_the_record_announced_last()
    {
        var building = await _scenario.BuildingAsync();
        var household = await (await _scenario.Staff.PostAsJsonAsync("/households", new { buildingId = building, unit = $"{Random.Shared.Next(101, 2999)}" }))
            .Content.ReadFromJsonAsync<HouseholdDto>();
        var resident = (await (await _scenario.Staff.PostAsJsonAsync($"/households/{household!.Id}/residents", new { name = "孙老伯", birthYear = 1944 }))
            .Content.ReadFromJsonAsync<ResidentDto>())!;
        var account = Guid.NewGuid();

        // Both changes arrive while the record's row is held, then go on together.
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridDbContext>();
        Task<HttpResponseMessage>[] changes;
        await using (var holding = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM residents WHERE id = {resident.Id} FOR UPDATE");
            changes = [
                _scenario.Staff.PostAsJsonAsync($"/residents/{resident.Id}/move-out", new { reason = "搬去女儿家" }),
                _scenario.Staff.PutAsJsonAsync($"/residents/{resident.Id}/account", new { accountId = account }),
            ];
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await holding.CommitAsync();
        }

        Assert.All(await Task.WhenAll(changes), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // The copies in Activities and Notices keep the latest announcement: it must hold both changes. Before, each
        // announced the record as it had read it, and the later one said she still lived there (or had no account).
        var announced = (await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().OutboxMessages
                .Where(m => m.MessageType.Contains(nameof(ResidentRecorded))).Select(m => m.Payload).ToListAsync()))
            .Select(p => JsonSerializer.Deserialize<ResidentRecorded>(p, JsonSerializerOptions.Web)!).Where(r => r.ResidentId == resident.Id).ToList();
        var latest = announced.MaxBy(r => r.RecordedAt)!;
        Assert.Equal((true, (Guid?)account), (latest.MovedOutAt is not null, latest.AccountId));
    }
}
