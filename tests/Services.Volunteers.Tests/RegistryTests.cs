using Community.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;
using Community.Contracts;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Volunteers.Tests;

public sealed class RegistryTests(ServiceFixture<VolunteersDbContext> fixture) : IClassFixture<ServiceFixture<VolunteersDbContext>>
{
    private static int _phoneSeed = Random.Shared.Next(10_000_000, 90_000_000);

    private static string UniquePhone() => $"139{Interlocked.Increment(ref _phoneSeed):D8}";

    private static object NewVolunteer(string? phone = null, string kind = "party-member", string[]? skills = null) => new
    {
        displayName = "李阿姨",
        phone = phone ?? UniquePhone(),
        kind,
        skills = skills ?? ["elderly-companionship"],
    };

    private HttpClient AccountClient(Guid account, string role)
    {
        var client = fixture.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", DevTokens.Mint(ServiceHost<VolunteersDbContext>.SigningKey, [role], subject: account.ToString()));
        return client;
    }

    [Fact]
    public async Task Malformed_input_is_a_400_naming_each_field_before_any_work()
    {
        var staff = fixture.Host.ClientAs(Roles.StationStaff);

        var response = await staff.PostAsync("/volunteers", new StringContent(
            """{"displayName":"李明","phone":"13700000000","kind":"resident-volunteer","skills":[null],"birthDate":"9999-12-31","availability":[null]}""",
            System.Text.Encoding.UTF8, "application/json"));
        var query = await staff.GetAsync("/opportunities?skill=cat%00care");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("skills[0]", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("availability[0]", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("birthDate", out _), errors.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, query.StatusCode);
        Assert.True((await query.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("skill", out _));
        Assert.Equal(0, await fixture.Host.WithScope(services => services.GetRequiredService<VolunteersDbContext>().Volunteers.CountAsync(v => v.DisplayName == "李明")));
    }

    [Fact]
    public async Task A_resident_who_registers_as_a_volunteer_is_linked_and_reads_their_own_record_afterwards()
    {
        var account = Guid.NewGuid();
        var me = AccountClient(account, Roles.Resident);

        var registered = await me.PostAsJsonAsync("/volunteers", NewVolunteer());
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var volunteer = (await registered.Content.ReadFromJsonAsync<VolunteerDto>())!;

        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync($"/volunteers/{volunteer.Id}")).StatusCode);
        Assert.Equal(volunteer.Id, (await me.GetFromJsonAsync<VolunteerDto>("/volunteers/me"))!.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await AccountClient(Guid.NewGuid(), Roles.Resident).GetAsync("/volunteers/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AccountClient(Guid.NewGuid(), Roles.Volunteer).GetAsync($"/volunteers/{volunteer.Id}")).StatusCode);

        // One record per account.
        var again = await me.PostAsJsonAsync("/volunteers", NewVolunteer());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("account-linked-elsewhere", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Staff_link_a_record_they_registered_to_the_persons_account_once()
    {
        var staff = fixture.Host.ClientAs(Roles.StationStaff);
        var volunteer = (await (await staff.PostAsJsonAsync("/volunteers", NewVolunteer())).Content.ReadFromJsonAsync<VolunteerDto>())!;
        var account = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await AccountClient(account, Roles.Volunteer).GetAsync($"/volunteers/{volunteer.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/volunteers/{volunteer.Id}/account", new { accountId = account })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await AccountClient(account, Roles.Volunteer).GetAsync($"/volunteers/{volunteer.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PutAsJsonAsync($"/volunteers/{volunteer.Id}/account", new { accountId = Guid.NewGuid() })).StatusCode);
        var other = (await (await staff.PostAsJsonAsync("/volunteers", NewVolunteer())).Content.ReadFromJsonAsync<VolunteerDto>())!;
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PutAsJsonAsync($"/volunteers/{other.Id}/account", new { accountId = account })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AccountClient(account, Roles.Volunteer).PutAsJsonAsync($"/volunteers/{other.Id}/account", new { accountId = account })).StatusCode);
    }

    [Fact]
    public async Task Migrations_apply_to_an_empty_database()
    {
        var (applied, all, pending) = await fixture.Host.WithScope(async services =>
        {
            var db = services.GetRequiredService<VolunteersDbContext>();
            return ((await db.Database.GetAppliedMigrationsAsync()).ToList(),
                db.Database.GetMigrations().ToList(),
                (await db.Database.GetPendingMigrationsAsync()).ToList());
        });

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
        Assert.Empty(pending);
    }

    [Fact]
    public async Task Registering_a_volunteer_returns_201_and_queues_VolunteerRegistered_in_the_same_transaction()
    {
        var client = fixture.Host.ClientAs(Roles.StationStaff);
        var phone = UniquePhone();

        var response = await client.PostAsJsonAsync("/volunteers", NewVolunteer(phone, skills: ["smartphone-tutoring", "first-aid"]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<VolunteerDto>();
        Assert.NotNull(created);
        Assert.Equal(phone, created.Phone);
        Assert.Equal(["first-aid", "smartphone-tutoring"], created.Skills);
        Assert.Equal($"/volunteers/{created.Id}", response.Headers.Location?.OriginalString);

        var outboxPayloads = await fixture.Host.WithScope(async services =>
            await services.GetRequiredService<VolunteersDbContext>().OutboxMessages
                .Where(m => m.MessageType.StartsWith("Community.Contracts.VolunteerRegistered,"))
                .Select(m => m.Payload).ToListAsync());
        var payload = Assert.Single(outboxPayloads, p => p.Contains(created.Id.ToString()));
        Assert.DoesNotContain(phone, payload);
    }

    [Fact]
    public async Task Registering_the_same_person_twice_is_a_conflict_and_writes_nothing()
    {
        var client = fixture.Host.ClientAs(Roles.StationStaff);
        var phone = UniquePhone();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/volunteers", NewVolunteer(phone))).StatusCode);
        var outboxBefore = await CountOutboxAsync();

        var second = await client.PostAsJsonAsync("/volunteers", NewVolunteer(phone));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ProblemTypes.Duplicate, problem.GetProperty("type").GetString());
        Assert.Equal(outboxBefore, await CountOutboxAsync());
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_person_create_exactly_one_volunteer()
    {
        var client = fixture.Host.ClientAs(Roles.StationStaff);
        var phone = UniquePhone();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => client.PostAsJsonAsync("/volunteers", NewVolunteer(phone))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created),
            r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task Bad_input_gets_400_with_an_error_for_each_field()
    {
        var client = fixture.Host.ClientAs(Roles.StationStaff);

        var response = await client.PostAsJsonAsync("/volunteers", new
        {
            displayName = "",
            phone = "12345",
            kind = "astronaut",
            skills = new[] { "flying" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "displayName", "phone", "kind", "skills" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
    }

    [Fact]
    public async Task Malformed_json_gets_a_400_problem_not_a_stack_trace()
    {
        var client = fixture.Host.ClientAs(Roles.StationStaff);

        var response = await client.PostAsync("/volunteers", new StringContent("{\"displayName\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body);
    }

    [Fact]
    public async Task In_service_Party_members_need_a_work_unit_and_Young_Pioneers_a_birth_date()
    {
        var client = fixture.Host.ClientAs(Roles.StationStaff);

        var noWorkUnit = await client.PostAsJsonAsync("/volunteers", NewVolunteer(kind: "in-service-party-member"));
        var child = await client.PostAsJsonAsync("/volunteers", NewVolunteer(kind: "young-pioneer"));

        Assert.Equal(HttpStatusCode.BadRequest, noWorkUnit.StatusCode);
        Assert.True((await noWorkUnit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("workUnit", out _));
        Assert.Equal(HttpStatusCode.BadRequest, child.StatusCode);
        Assert.True((await child.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("birthDate", out _));
    }

    [Fact]
    public async Task A_call_without_a_token_gets_401()
    {
        var anonymous = fixture.Host.ClientAs();

        var list = await anonymous.GetAsync("/volunteers");
        var register = await anonymous.PostAsJsonAsync("/volunteers", NewVolunteer());

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, register.StatusCode);
    }

    [Fact]
    public async Task A_grid_worker_acts_only_for_volunteers_living_in_their_own_grid_and_only_while_in_its_team()
    {
        var scenario = new VolunteersScenario(fixture.Host);
        var bus = fixture.Host.Services.GetRequiredService<IBus>();
        var (ownBuilding, otherBuilding) = (Guid.NewGuid(), Guid.NewGuid());
        var neighbour = await scenario.AdultAsync("本网格的志愿者", homeBuildingId: ownBuilding);
        var elsewhere = await scenario.AdultAsync("别的网格的志愿者", homeBuildingId: otherBuilding);
        var (grid, worker, gridWorker) = await scenario.GridWorkerOfAsync(bus, ownBuilding);
        await scenario.GridWorkerOfAsync(bus, otherBuilding);

        Assert.Equal(HttpStatusCode.OK, (await gridWorker.GetAsync($"/volunteers/{neighbour}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gridWorker.GetAsync($"/volunteers/{elsewhere}")).StatusCode);
        // The list shows the same people as the records it may open (before, every volunteer in the neighbourhood).
        var listed = (await gridWorker.GetFromJsonAsync<Page<VolunteerDto>>("/volunteers?pageSize=100"))!.Items.Select(v => v.Id).ToList();
        Assert.Contains(neighbour, listed);
        Assert.DoesNotContain(elsewhere, listed);
        Assert.Equal(HttpStatusCode.Forbidden, (await gridWorker.PostAsJsonAsync($"/volunteers/{elsewhere}/hours",
            new { servedAt = DateTimeOffset.UtcNow.AddHours(-2), minutes = 1440, activity = "整天陪护" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gridWorker.PutAsJsonAsync($"/volunteers/{elsewhere}/profile", new { skills = new[] { "first-aid" } })).StatusCode);
        // A grid-worker token whose account is linked to no volunteer record works no grid at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await AccountClient(Guid.NewGuid(), Roles.GridWorker).GetAsync($"/volunteers/{neighbour}")).StatusCode);

        // Leaving the team (an older "joined" arriving late changes nothing) ends it.
        await bus.Publish(new GridTeamChanged(grid, worker, "secretary", "left", DateTimeOffset.UtcNow));
        await bus.Publish(new GridTeamChanged(grid, worker, "secretary", "joined", DateTimeOffset.UtcNow.AddMinutes(-5)));
        await Eventually.True(async () => (await gridWorker.GetAsync($"/volunteers/{neighbour}")).StatusCode == HttpStatusCode.Forbidden,
            TimeSpan.FromSeconds(30), "the grid worker to lose the grid's volunteers on leaving its team");
        await Task.Delay(500);
        Assert.Equal(HttpStatusCode.Forbidden, (await gridWorker.GetAsync($"/volunteers/{neighbour}")).StatusCode);
    }

    [Fact]
    public async Task A_resident_may_not_list_volunteers()
    {
        var resident = fixture.Host.ClientAs(Roles.Resident);

        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync("/volunteers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Host.ClientAs(Roles.Partner).PostAsJsonAsync("/volunteers", NewVolunteer())).StatusCode);
    }

    [Fact]
    public async Task Phone_numbers_are_masked_for_grid_workers_and_shown_to_staff()
    {
        var staff = fixture.Host.ClientAs(Roles.StationStaff);
        var phone = UniquePhone();
        var building = Guid.NewGuid();
        var created = await (await staff.PostAsJsonAsync("/volunteers", new { displayName = "李阿姨", phone, kind = "party-member", homeBuildingId = building }))
            .Content.ReadFromJsonAsync<VolunteerDto>();
        var (_, _, gridWorker) = await new VolunteersScenario(fixture.Host).GridWorkerOfAsync(fixture.Host.Services.GetRequiredService<IBus>(), building);

        var asGridWorker = await gridWorker.GetFromJsonAsync<VolunteerDto>($"/volunteers/{created!.Id}");
        var asStaff = await staff.GetFromJsonAsync<VolunteerDto>($"/volunteers/{created.Id}");

        Assert.Equal($"{phone[..3]}****{phone[^4..]}", asGridWorker!.Phone);
        Assert.Equal(phone, asStaff!.Phone);
    }

    [Fact]
    public async Task The_list_pages_and_filters_and_refuses_a_page_size_of_a_million()
    {
        var staff = fixture.Host.ClientAs(Roles.StationStaff);
        for (var i = 0; i < 3; i++)
        {
            await staff.PostAsJsonAsync("/volunteers", NewVolunteer(kind: "full-time-mother", skills: ["calligraphy"]));
        }

        var first = await staff.GetFromJsonAsync<Page<VolunteerDto>>("/volunteers?kind=full-time-mother&skill=calligraphy&page=1&pageSize=2");
        var second = await staff.GetFromJsonAsync<Page<VolunteerDto>>("/volunteers?kind=full-time-mother&skill=calligraphy&page=2&pageSize=2");
        var huge = await staff.GetAsync("/volunteers?pageSize=1000000");

        Assert.Equal(3, first!.Total);
        Assert.Equal(2, first.Items.Count);
        Assert.Single(second!.Items);
        Assert.Empty(first.Items.Select(v => v.Id).Intersect(second.Items.Select(v => v.Id)));
        Assert.All(first.Items.Concat(second.Items), v => Assert.Equal("full-time-mother", v.Kind));
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.True((await huge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task An_unknown_volunteer_is_a_404_problem()
    {
        var response = await fixture.Host.ClientAs(Roles.StationStaff).GetAsync($"/volunteers/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ProblemTypes.NotFound, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Health_is_anonymous_and_reports_the_database_and_the_broker()
    {
        var response = await fixture.Host.ClientAs().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.True(checks.TryGetProperty("VolunteersDbContext", out _));
        Assert.True(checks.TryGetProperty("masstransit-bus", out _));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_registry()
    {
        var document = await fixture.Host.ClientAs().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/volunteers", out _));
    }

    private Task<int> CountOutboxAsync() => fixture.Host.WithScope(services =>
        services.GetRequiredService<VolunteersDbContext>().OutboxMessages.CountAsync());
}
