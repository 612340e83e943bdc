using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Contracts;
using Community.ServiceDefaults.Auth;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Matching;
using Community.Services.Volunteers.Opportunities;
using Community.Services.Volunteers.Registry;
using Community.Services.Volunteers.Teams;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Volunteers.Tests;

/// <summary>The skill list, availability, teams signing up together, and matching with reasons.</summary>
public sealed class TeamsAndMatchingTests(ServiceFixture<VolunteersDbContext> fixture) : IClassFixture<ServiceFixture<VolunteersDbContext>>
{
    private readonly VolunteersScenario _scenario = new(fixture.Host);

    private static DateTimeOffset NextSaturdayAt(int hour, int weeksAhead = 1)
    {
        var local = DateTime.SpecifyKind(DateTime.UtcNow.AddHours(8).Date, DateTimeKind.Unspecified);
        var days = ((int)DayOfWeek.Saturday - (int)local.DayOfWeek + 7) % 7 + (7 * weeksAhead);
        return new DateTimeOffset(local.AddDays(days).AddHours(hour), TimeSpan.FromHours(8));
    }

    [Fact]
    public async Task Skills_come_from_the_managed_list_and_bad_availability_is_refused_with_field_errors()
    {
        var added = await _scenario.Staff.PostAsJsonAsync("/skills", new { code = "tai-chi", name = "太极拳" });
        var again = await _scenario.Staff.PostAsJsonAsync("/skills", new { code = "tai-chi", name = "太极拳" });
        var badCode = await _scenario.Staff.PostAsJsonAsync("/skills", new { code = "Tai Chi", name = "太极拳" });
        var byVolunteer = await _scenario.As(Guid.NewGuid()).PostAsJsonAsync("/skills", new { code = "knitting", name = "编织" });
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden),
            (added.StatusCode, again.StatusCode, badCode.StatusCode, byVolunteer.StatusCode));

        var withNewSkill = await _scenario.AdultAsync("太极老师", skills: ["tai-chi"]);
        Assert.NotEqual(Guid.Empty, withNewSkill);

        var unknownSkill = await _scenario.Staff.PostAsJsonAsync("/volunteers", new { displayName = "甲", phone = "13900000001", kind = "resident-volunteer", birthDate = "1970-01-01", skills = new[] { "juggling" } });
        var badSlot = await _scenario.Staff.PostAsJsonAsync("/volunteers", new
        {
            displayName = "乙", phone = "13900000002", kind = "resident-volunteer", birthDate = "1970-01-01",
            availability = new[] { new { day = "saturday", from = "12:00", to = "09:00" }, new { day = "someday", from = "09:00", to = "10:00" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, unknownSkill.StatusCode);
        Assert.Contains("juggling", await unknownSkill.Content.ReadAsStringAsync());
        var errors = (await badSlot.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("availability[0].to", out _));
        Assert.True(errors.TryGetProperty("availability[1].day", out _));

        var retired = await _scenario.Staff.PostAsync("/skills/tai-chi/retire", null);
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        var list = await _scenario.Staff.GetFromJsonAsync<List<SkillDto>>("/skills");
        Assert.DoesNotContain(list!, s => s.Code == "tai-chi");
        Assert.Contains(list!, s => s.Code == "first-aid");
    }

    [Fact]
    public async Task A_resident_never_reads_another_volunteers_profile_but_the_volunteer_and_a_guardian_do()
    {
        var adult = await _scenario.AdultAsync("王阿姨");
        var child = await _scenario.ChildAsync(adult);
        var stranger = await _scenario.AdultAsync("路人");

        var own = await _scenario.As(adult).GetFromJsonAsync<VolunteerDto>($"/volunteers/{adult}");
        Assert.Contains("****", own!.Phone);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.As(adult).GetAsync($"/volunteers/{child}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(stranger).GetAsync($"/volunteers/{adult}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(stranger).GetAsync($"/volunteers/{child}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(stranger, Roles.Resident).GetAsync($"/volunteers/{child}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(stranger).GetAsync($"/volunteers/{adult}/hours")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(stranger).GetAsync($"/volunteers/{child}/certificate")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _scenario.Staff.GetAsync($"/volunteers/{Guid.NewGuid()}")).StatusCode);

        var home = Guid.NewGuid();
        var profile = await _scenario.As(adult).PutAsJsonAsync($"/volunteers/{adult}/profile", new { skills = new[] { "first-aid" }, homeBuildingId = home });
        var strangerEdits = await _scenario.As(stranger).PutAsJsonAsync($"/volunteers/{adult}/profile", new { skills = new[] { "first-aid" } });
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (profile.StatusCode, strangerEdits.StatusCode));

        // The change is announced so read models follow (Grid's building volunteers); a child's never travels.
        Assert.Equal(HttpStatusCode.OK, (await _scenario.As(adult).PutAsJsonAsync($"/volunteers/{child}/profile", new { skills = new[] { "first-aid" } })).StatusCode);
        var announced = await fixture.Host.WithScope(services => services.GetRequiredService<VolunteersDbContext>().OutboxMessages
            .Where(m => m.MessageType.StartsWith("Community.Contracts.VolunteerProfileChanged,")).Select(m => m.Payload).ToListAsync());
        var change = JsonSerializer.Deserialize<VolunteerProfileChanged>(Assert.Single(announced, p => p.Contains(adult.ToString())), JsonSerializerOptions.Web)!;
        Assert.Equal((home, "王阿姨"), (change.HomeBuildingId, change.DisplayName));
        Assert.Equal(["first-aid"], change.Skills);
        Assert.DoesNotContain(announced, p => p.Contains(child.ToString()));
        Assert.DoesNotContain("phone", announced.Single(p => p.Contains(adult.ToString())), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_team_signs_up_together_all_or_none_and_keeps_children_supervised()
    {
        var leader = await _scenario.AdultAsync("河长", supervisor: true);
        var parent = await _scenario.AdultAsync("家长", supervisor: true);
        var team = await (await _scenario.Staff.PostAsJsonAsync("/teams", new { name = $"绿水清波小纵队 {Guid.NewGuid():N}", leaderIds = new[] { leader } }))
            .Content.ReadFromJsonAsync<TeamDto>();
        var children = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            children.Add(await _scenario.ChildAsync(parent, $"小队员{i}"));
        }

        foreach (var child in children)
        {
            Assert.Equal(HttpStatusCode.Created, (await _scenario.As(leader).PostAsJsonAsync($"/teams/{team!.Id}/members", new { volunteerId = child })).StatusCode);
        }

        // The parent finds her six children (to sign them up, read their hours); the leader, who is no guardian, none.
        var wards = await _scenario.As(parent).GetFromJsonAsync<List<VolunteerDto>>("/volunteers/me/wards");
        Assert.Equal(children.Order(), wards!.Select(w => w.Id).Order());
        Assert.All(wards!, w => Assert.True(w.IsMinor));
        Assert.Empty((await _scenario.As(leader).GetFromJsonAsync<List<VolunteerDto>>("/volunteers/me/wards"))!);

        Assert.Equal(HttpStatusCode.Conflict, (await _scenario.As(leader).PostAsJsonAsync($"/teams/{team!.Id}/members", new { volunteerId = children[0] })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(parent).PostAsJsonAsync($"/teams/{team.Id}/members", new { volunteerId = parent })).StatusCode);

        // Seven members (one adult, six children) on a shift of six: full, so nobody is signed up.
        var small = await _scenario.ShiftAsync(NextSaturdayAt(9), max: 6);
        var tooMany = await _scenario.As(leader).PostAsJsonAsync($"/shifts/{small.Id}/team-signups", new { teamId = team.Id });
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);

        // Room enough, but six children for one adult breaks 1:5.
        var shift = await _scenario.ShiftAsync(NextSaturdayAt(14), max: 20);
        var unsupervised = await _scenario.As(leader).PostAsJsonAsync($"/shifts/{shift.Id}/team-signups", new { teamId = team.Id });
        Assert.Equal(HttpStatusCode.Conflict, unsupervised.StatusCode);
        Assert.Contains("supervision-ratio", await unsupervised.Content.ReadAsStringAsync());
        var (assignedAfterRefusals, rows) = await CountAsync(small.Id, shift.Id);
        Assert.Equal((0, 0), (assignedAfterRefusals, rows));

        // With the parent in the team too, all eight go together.
        Assert.Equal(HttpStatusCode.Created, (await _scenario.Staff.PostAsJsonAsync($"/teams/{team.Id}/members", new { volunteerId = parent })).StatusCode);
        var together = await _scenario.As(leader).PostAsJsonAsync($"/shifts/{shift.Id}/team-signups", new { teamId = team.Id });
        Assert.Equal(HttpStatusCode.Created, together.StatusCode);
        var assignments = await together.Content.ReadFromJsonAsync<List<AssignmentDto>>();
        Assert.Equal(8, assignments!.Count);

        // The supervisor sees who is on the shift; each volunteer (or guardian) sees their own shifts.
        var roster = await _scenario.Staff.GetFromJsonAsync<List<RosterEntryDto>>($"/shifts/{shift.Id}/roster");
        Assert.Equal((8, 6), (roster!.Count, roster.Count(r => r.IsMinor)));
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(leader).GetAsync($"/shifts/{shift.Id}/roster")).StatusCode);
        var childsShifts = await _scenario.As(parent).GetFromJsonAsync<List<MyShiftDto>>($"/volunteers/{children[0]}/shifts");
        Assert.Equal([shift.Id], childsShifts!.Select(s => s.ShiftId));
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(leader).GetAsync($"/volunteers/{parent}/shifts")).StatusCode);

        // The parent cannot leave six children with one adult; a child leaving first makes room.
        var parentsAssignment = assignments.Single(a => a.VolunteerId == parent);
        var refused = await _scenario.As(parent).PostAsync($"/assignments/{parentsAssignment.Id}/withdraw", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("supervision-ratio", await refused.Content.ReadAsStringAsync());
        var childsAssignment = assignments.First(a => children.Contains(a.VolunteerId));
        Assert.Equal(HttpStatusCode.OK, (await _scenario.As(parent).PostAsync($"/assignments/{childsAssignment.Id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.As(parent).PostAsync($"/assignments/{parentsAssignment.Id}/withdraw", null)).StatusCode);
        Assert.Equal((6, 6), await CountAsync(shift.Id, shift.Id));

        // Other members see that children are in the team, not who they are; the leader sees them.
        var asParent = await _scenario.As(parent).GetFromJsonAsync<TeamDto>($"/teams/{team.Id}");
        var asLeader = await _scenario.As(leader).GetFromJsonAsync<TeamDto>($"/teams/{team.Id}");
        var stranger = await _scenario.AdultAsync("路人");
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(stranger).GetAsync($"/teams/{team.Id}")).StatusCode);
        Assert.All(asLeader!.Members, m => Assert.NotNull(m.VolunteerId));
        Assert.True(asParent!.Members.Count(m => m.IsMinor) == 6);

        // The leader finds the teams they lead (to sign them up); a member who does not lead finds none.
        var led = await _scenario.As(leader).GetFromJsonAsync<List<TeamSummaryDto>>("/teams?ledByMe=true");
        Assert.Equal(team.Id, Assert.Single(led!).Id);
        Assert.Empty((await _scenario.As(parent).GetFromJsonAsync<List<TeamSummaryDto>>("/teams?ledByMe=true"))!);
        Assert.Contains((await _scenario.As(parent).GetFromJsonAsync<List<TeamSummaryDto>>("/teams"))!, t => t.Id == team.Id);
    }

    private Task<(int Assigned, int Rows)> CountAsync(Guid first, Guid second) => fixture.Host.WithScope(async services =>
    {
        var db = services.GetRequiredService<VolunteersDbContext>();
        var ids = new[] { first, second };
        return (await db.Shifts.Where(s => ids.Contains(s.Id)).SumAsync(s => s.Assigned),
            await db.Assignments.CountAsync(a => ids.Contains(a.ShiftId) && a.WithdrawnAt == null));
    });

    [Fact]
    public async Task Matching_ranks_by_skill_then_availability_then_nearness_explains_why_and_leaves_out_the_busy()
    {
        var grid = Guid.NewGuid();
        var shiftBuilding = Guid.NewGuid();
        var neighbourBuilding = Guid.NewGuid();
        await fixture.Host.Services.GetRequiredService<IBus>().Publish(new GridBuildingsChanged(grid, [shiftBuilding, neighbourBuilding], DateTimeOffset.UtcNow));
        await Eventually.Get(() => fixture.Host.WithScope(async s =>
            await s.GetRequiredService<VolunteersDbContext>().BuildingGrids.CountAsync(b => b.GridId == grid) == 2 ? (bool?)true : null),
            TimeSpan.FromSeconds(30), "the grid's buildings");

        var saturdayMorning = new[] { new { day = "saturday", from = "08:00", to = "12:00" } };
        var skill = $"match-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await _scenario.Staff.PostAsJsonAsync("/skills", new { code = skill, name = "测试技能" })).StatusCode);
        var bestFit = await _scenario.AdultAsync("最合适", skills: [skill], homeBuildingId: shiftBuilding, availability: saturdayMorning);
        var sameGrid = await _scenario.AdultAsync("同网格", skills: [skill], homeBuildingId: neighbourBuilding, availability: saturdayMorning);
        var notFree = await _scenario.AdultAsync("没空", skills: [skill], homeBuildingId: shiftBuilding);
        var noSkill = await _scenario.AdultAsync("没技能", homeBuildingId: shiftBuilding, availability: saturdayMorning);
        var busy = await _scenario.AdultAsync("忙碌", skills: [skill], homeBuildingId: shiftBuilding, availability: saturdayMorning);

        var start = NextSaturdayAt(9, weeksAhead: 3);
        var other = await _scenario.ShiftAsync(start.AddMinutes(30), max: 5);
        Assert.Equal(HttpStatusCode.Created, (await _scenario.Staff.PostAsJsonAsync($"/shifts/{other.Id}/signups", new { volunteerId = busy })).StatusCode);
        var shift = await _scenario.ShiftAsync(start, max: 5, skill: skill, buildingId: shiftBuilding);

        var suggestions = (await _scenario.Staff.GetFromJsonAsync<List<Suggestion>>($"/shifts/{shift.Id}/suggestions?limit=100"))!;
        var ours = suggestions.Where(s => new[] { bestFit, sameGrid, notFree, noSkill, busy }.Contains(s.VolunteerId)).Select(s => s.VolunteerId).ToList();
        Assert.Equal([bestFit, sameGrid, notFree, noSkill], ours);
        var top = suggestions.Single(s => s.VolunteerId == bestFit);
        Assert.Contains(top.Reasons, r => r.Contains("same building"));
        Assert.Contains(top.Reasons, r => r.Contains("usually free on Saturday 09:00"));
        Assert.Contains(suggestions.Single(s => s.VolunteerId == sameGrid).Reasons, r => r.Contains("same grid"));
        Assert.Contains(suggestions.Single(s => s.VolunteerId == notFree).Reasons, r => r.Contains("has not said they are free"));

        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(bestFit).GetAsync($"/shifts/{shift.Id}/suggestions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _scenario.Staff.GetAsync($"/shifts/{Guid.NewGuid()}/suggestions")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _scenario.Staff.GetAsync($"/shifts/{shift.Id}/suggestions?limit=0")).StatusCode);
    }
}
