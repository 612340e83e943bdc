using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Sessions;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Activities.Tests;

public sealed class RegistrationTests(ServiceFixture<ActivitiesDbContext> fixture) : IClassFixture<ServiceFixture<ActivitiesDbContext>>
{
    private ActivitiesScenario Scenario => new(fixture.Host);

    [Fact]
    public async Task Two_hundred_racing_registrations_for_fifty_places_confirm_exactly_fifty()
    {
        var series = await Scenario.SeriesAsync(capacity: 50);
        var sessionId = series.Sessions[0].Id;
        // Different residents, each with a client of their own, all at once.
        var clients = Enumerable.Range(0, 200).Select(_ => fixture.Host.ClientAs(Roles.Resident)).ToList();

        var responses = await Task.WhenAll(clients.Select((client, i) =>
            client.PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { participantName = $"居民{i}", birthYear = 1955 })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var results = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<RegistrationDto>()));
        Assert.Equal(50, results.Count(r => r!.Status == RegistrationStatus.Confirmed));
        Assert.Equal(150, results.Count(r => r!.Status == RegistrationStatus.Waitlisted));
        Assert.Equal(Enumerable.Range(1, 150), results.Where(r => r!.WaitlistPosition is not null).Select(r => r!.WaitlistPosition!.Value).Order());

        var (confirmed, placesTaken) = await fixture.Host.WithScope(async services =>
        {
            var db = services.GetRequiredService<ActivitiesDbContext>();
            return (await db.Registrations.CountAsync(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Confirmed),
                await db.Sessions.Where(s => s.Id == sessionId).Select(s => s.PlacesTaken).SingleAsync());
        });
        Assert.Equal(50, confirmed);
        Assert.Equal(50, placesTaken);
    }

    [Fact]
    public async Task An_elderly_class_refuses_a_thirty_year_old_with_the_reason()
    {
        var series = await Scenario.SeriesAsync(audience: "elderly");
        var thisYear = DateTime.UtcNow.Year;

        var young = await fixture.Host.ClientAs(Roles.Resident).PostAsJsonAsync($"/sessions/{series.Sessions[0].Id}/registrations",
            new { participantName = "小王", birthYear = thisYear - 30 });
        var old = await fixture.Host.ClientAs(Roles.Resident).PostAsJsonAsync($"/sessions/{series.Sessions[0].Id}/registrations",
            new { participantName = "老王", birthYear = thisYear - 70 });

        Assert.Equal(HttpStatusCode.Conflict, young.StatusCode);
        var problem = await young.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ActivityProblems.NotEligible, problem.GetProperty("type").GetString());
        Assert.Contains("60", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, old.StatusCode);
    }

    [Fact]
    public async Task A_retried_post_with_the_same_idempotency_key_returns_the_first_registration()
    {
        var series = await Scenario.SeriesAsync();
        var client = fixture.Host.ClientAs(Roles.Resident);
        var key = Guid.NewGuid().ToString();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => ActivitiesScenario.RegisterAsync(client, series.Sessions[0].Id, "赵阿姨", key: key)));

        Assert.Single(attempts.Select(a => a.Id).Distinct());
        var rows = await fixture.Host.WithScope(services => services.GetRequiredService<ActivitiesDbContext>().Registrations
            .CountAsync(r => r.SessionId == series.Sessions[0].Id));
        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task Retries_racing_each_other_under_a_household_cap_of_one_all_get_the_first_registration()
    {
        // The first to be booked uses the household's only place: the others, refused by the cap, answer with it.
        var series = await Scenario.SeriesAsync(householdCap: 1);
        var client = fixture.Host.ClientAs(Roles.Resident);
        var key = Guid.NewGuid().ToString();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => ActivitiesScenario.RegisterAsync(client, series.Sessions[0].Id, "孙阿姨", key: key)));

        Assert.Single(attempts.Select(a => a.Id).Distinct());
    }

    [Fact]
    public async Task An_idempotency_key_names_one_registration_reused_for_another_session_or_person_it_is_422()
    {
        var series = await Scenario.SeriesAsync(rule: "FREQ=WEEKLY;COUNT=2");
        var client = fixture.Host.ClientAs(Roles.Resident);
        var key = Guid.NewGuid().ToString();
        await ActivitiesScenario.RegisterAsync(client, series.Sessions[0].Id, "钱阿姨", key: key);

        async Task<HttpResponseMessage> WithKeyAsync(Guid session, string name)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/sessions/{session}/registrations")
            {
                Content = JsonContent.Create(new { participantName = name, birthYear = 1950 }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }

        var otherSession = await WithKeyAsync(series.Sessions[1].Id, "钱阿姨");
        var otherPerson = await WithKeyAsync(series.Sessions[0].Id, "钱大爷");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherSession.StatusCode);
        Assert.Contains("idempotency-key-reused", await otherSession.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherPerson.StatusCode);
        var rows = await fixture.Host.WithScope(services => services.GetRequiredService<ActivitiesDbContext>().Registrations
            .CountAsync(r => series.Sessions.Select(x => x.Id).Contains(r.SessionId)));
        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task One_resident_is_registered_once_however_many_people_register_them_and_the_record_not_the_request_says_who_they_are()
    {
        var scenario = Scenario;
        var series = await scenario.SeriesAsync(audience: "elderly");
        var sessionId = series.Sessions[0].Id;
        var (elderAccount, workerAccount) = (Guid.NewGuid(), Guid.NewGuid());
        var elder = await scenario.ResidentAsync("孙爷爷", 1940, accountId: elderAccount);
        var young = await scenario.ResidentAsync("孙小弟", 1995);
        await scenario.ConsentAsync(elder, workerAccount);
        await scenario.ConsentAsync(young, workerAccount);
        var gridWorker = scenario.AsAccount(workerAccount, Roles.GridWorker);

        // Without a record the grid worker cannot register someone on their behalf; a stranger without consent is refused with a reason.
        var byName = await gridWorker.PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { participantName = "孙爷爷", birthYear = 1940, onBehalf = true });
        Assert.Equal(HttpStatusCode.BadRequest, byName.StatusCode);
        Assert.True((await byName.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("residentId", out _));
        var stranger = await scenario.AsAccount(Guid.NewGuid(), Roles.GridWorker).PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { residentId = elder });
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal(ProblemTypes.OnBehalfConsentMissing, (await stranger.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await gridWorker.PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { residentId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await gridWorker.PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { residentId = "not-an-id" })).StatusCode);

        // The age rule reads the record: a young resident is not made elderly by the request's birth year.
        var tooYoung = await gridWorker.PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { residentId = young, birthYear = 1940, participantName = "孙爷爷" });
        Assert.Equal(HttpStatusCode.Conflict, tooYoung.StatusCode);
        Assert.Equal(ActivityProblems.NotEligible, (await tooYoung.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());

        // With consent, the grid worker registers the elder by record alone; the elder registering himself again is the same person.
        var made = await gridWorker.PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { residentId = elder, participantName = "别的名字" });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var registration = (await made.Content.ReadFromJsonAsync<RegistrationDto>())!;
        Assert.Equal(("孙爷爷", true, elder), (registration.ParticipantName, registration.OnBehalf, registration.ParticipantResidentId!.Value));
        var twice = await scenario.AsAccount(elderAccount, Roles.Resident).PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(ProblemTypes.Duplicate, (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());

        // Once Grid says the young resident moved out, the grid worker no longer registers him, consent or not.
        await fixture.Host.Services.GetRequiredService<MassTransit.IBus>().Publish(new Contracts.ResidentRecorded(young, Guid.NewGuid(), "孙小弟", 1995, null, null, DateTimeOffset.UtcNow, MovedOutAt: DateTimeOffset.UtcNow));
        await Eventually.True(() => fixture.Host.WithScope(s => s.GetRequiredService<ActivitiesDbContext>().KnownResidents.AnyAsync(r => r.ResidentId == young && r.MovedOutAt != null)),
            TimeSpan.FromSeconds(30), "the move-out in Activities' copy");
        var gone = await gridWorker.PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { residentId = young });
        Assert.Equal(HttpStatusCode.Conflict, gone.StatusCode);
        Assert.Equal("The resident moved out.", (await gone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_household_cap_holds_when_the_client_leaves_the_household_out()
    {
        var scenario = Scenario;
        var series = await scenario.SeriesAsync(householdCap: 1);
        var sessionId = series.Sessions[0].Id;
        var household = Guid.NewGuid();
        var (husband, wife) = (Guid.NewGuid(), Guid.NewGuid());
        await scenario.ResidentAsync("老周", 1950, household, husband);
        await scenario.ResidentAsync("周阿姨", 1952, household, wife);

        var first = await scenario.AsAccount(husband, Roles.Resident).PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { });
        var second = await scenario.AsAccount(wife, Roles.Resident).PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { householdRef = "another-one" });
        var relative = await scenario.AsAccount(husband, Roles.Resident).PostAsJsonAsync($"/sessions/{sessionId}/registrations",
            new { participantName = "来访的侄子", birthYear = 1990, onBehalf = true });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("老周", (await first.Content.ReadFromJsonAsync<RegistrationDto>())!.ParticipantName);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(ActivityProblems.HouseholdCap, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Conflict, relative.StatusCode);
    }

    [Fact]
    public async Task An_elder_sees_accepts_and_cancels_what_a_grid_worker_registered_for_him_who_keeps_access_only_while_the_consent_stands()
    {
        var scenario = Scenario;
        var series = await scenario.SeriesAsync(capacity: 1);
        var sessionId = series.Sessions[0].Id;
        var (elderAccount, workerAccount) = (Guid.NewGuid(), Guid.NewGuid());
        var elder = await scenario.ResidentAsync("赵奶奶", 1938, accountId: elderAccount);
        var consent = await scenario.ConsentAsync(elder, workerAccount);
        var gridWorker = scenario.AsAccount(workerAccount, Roles.GridWorker, Roles.Resident);
        var self = scenario.AsAccount(elderAccount, Roles.Resident);

        var first = await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), sessionId, "先到的人");
        var made = (await (await gridWorker.PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { residentId = elder }))
            .Content.ReadFromJsonAsync<RegistrationDto>())!;
        Assert.Equal((RegistrationStatus.Waitlisted, 1), (made.Status, made.WaitlistPosition!.Value));

        // "My registrations": the elder sees it with who made it; the grid worker sees it among theirs.
        var mine = (await self.GetFromJsonAsync<Page<RegistrationDto>>("/registrations/mine"))!;
        var listed = Assert.Single(mine.Items);
        Assert.Equal((made.Id, 1), (listed.Id, listed.WaitlistPosition!.Value));
        Assert.NotNull(listed.RegisteredBy);
        // With the session it is for: what, when, and whether it still lies ahead.
        Assert.Equal((sessionId, series.Title, series.Sessions[0].StartsAt, SessionStatus.Scheduled),
            (listed.Session!.Id, listed.Session.Title, listed.Session.StartsAt, listed.Session.Status));
        Assert.Equal(listed.Session, (await self.GetFromJsonAsync<RegistrationDto>($"/registrations/{made.Id}"))!.Session);
        Assert.Contains((await gridWorker.GetFromJsonAsync<Page<RegistrationDto>>("/registrations/mine"))!.Items, r => r.Id == made.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Host.ClientAs(Roles.Resident).GetAsync($"/registrations/{made.Id}")).StatusCode);

        // The place frees and is offered; the elder accepts it himself.
        Assert.Equal(HttpStatusCode.OK, (await scenario.Staff.PostAsJsonAsync($"/registrations/{first.Id}/cancel", new { })).StatusCode);
        Assert.Equal(RegistrationStatus.Offered, (await self.GetFromJsonAsync<RegistrationDto>($"/registrations/{made.Id}"))!.Status);
        Assert.Equal(HttpStatusCode.OK, (await self.PostAsync($"/registrations/{made.Id}/accept", null)).StatusCode);

        // The elder withdraws the consent: the grid worker no longer reaches the registration; the elder cancels it himself.
        await scenario.ConsentAsync(elder, workerAccount, consent, withdrawnAt: DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Forbidden, (await gridWorker.GetAsync($"/registrations/{made.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gridWorker.PostAsJsonAsync($"/registrations/{made.Id}/cancel", new { })).StatusCode);
        Assert.DoesNotContain((await gridWorker.GetFromJsonAsync<Page<RegistrationDto>>("/registrations/mine"))!.Items, r => r.Id == made.Id);
        var again = await gridWorker.PostAsJsonAsync($"/sessions/{series.Sessions[0].Id}/registrations", new { residentId = elder });
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        var cancelled = await self.PostAsJsonAsync($"/registrations/{made.Id}/cancel", new { });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled by the participant", (await cancelled.Content.ReadFromJsonAsync<RegistrationDto>())!.CancelReason);
    }

    [Fact]
    public async Task A_guardian_registers_their_child_by_record_without_a_separate_consent()
    {
        var scenario = Scenario;
        var series = await scenario.SeriesAsync(audience: "children-with-guardian");
        var mother = Guid.NewGuid();
        var motherRecord = await scenario.ResidentAsync("小明妈妈", 1988, accountId: mother);
        var child = await scenario.ResidentAsync("小明", DateTime.UtcNow.Year - 8, guardianId: motherRecord);

        var response = await scenario.AsAccount(mother, Roles.Resident).PostAsJsonAsync($"/sessions/{series.Sessions[0].Id}/registrations", new { residentId = child });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var registration = (await response.Content.ReadFromJsonAsync<RegistrationDto>())!;
        Assert.Equal(("小明", true), (registration.ParticipantName, registration.OnBehalf));
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.AsAccount(Guid.NewGuid(), Roles.Resident)
            .PostAsJsonAsync($"/sessions/{series.Sessions[0].Id}/registrations", new { residentId = child })).StatusCode);
    }

    [Fact]
    public async Task A_household_cap_limits_registrations_from_one_household()
    {
        var series = await Scenario.SeriesAsync(householdCap: 1);
        var client = fixture.Host.ClientAs(Roles.Resident);

        var first = await client.PostAsJsonAsync($"/sessions/{series.Sessions[0].Id}/registrations", new { participantName = "甲", birthYear = 1950, householdRef = "12-301" });
        var second = await client.PostAsJsonAsync($"/sessions/{series.Sessions[0].Id}/registrations", new { participantName = "乙", birthYear = 1952, householdRef = "12-301" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(ActivityProblems.HouseholdCap, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_cancelled_session_refuses_registration_saying_it_was_cancelled()
    {
        var series = await Scenario.SeriesAsync();
        var sessionId = series.Sessions[0].Id;
        Assert.Equal(HttpStatusCode.OK, (await Scenario.Staff.PostAsJsonAsync($"/sessions/{sessionId}/cancel", new { reason = "停电" })).StatusCode);

        var response = await fixture.Host.ClientAs(Roles.Resident).PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { participantName = "周阿姨", birthYear = 1950 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ActivityProblems.Closed, problem.GetProperty("type").GetString());
        Assert.Equal("The session was cancelled.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Racing_registrations_from_one_household_stop_at_its_cap()
    {
        var series = await Scenario.SeriesAsync(householdCap: 2);
        var sessionId = series.Sessions[0].Id;
        // One account registers eight relatives at once: all count against that account's household.
        var client = fixture.Host.ClientAs(Roles.Resident);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { participantName = $"亲戚{i}", birthYear = 1950, onBehalf = true })));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(6, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal(ActivityProblems.HouseholdCap, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        }

        var live = await fixture.Host.WithScope(services => services.GetRequiredService<ActivitiesDbContext>().Registrations
            .CountAsync(r => r.SessionId == sessionId && r.Status != RegistrationStatus.Cancelled));
        Assert.Equal(2, live);
    }

    [Fact]
    public async Task A_cancellation_offers_the_place_to_the_first_waiting_person_who_accepts_it()
    {
        var series = await Scenario.SeriesAsync(capacity: 1);
        var sessionId = series.Sessions[0].Id;
        var a = fixture.Host.ClientAs(Roles.Resident);
        var b = fixture.Host.ClientAs(Roles.Resident);
        var c = fixture.Host.ClientAs(Roles.Resident);
        var held = await ActivitiesScenario.RegisterAsync(a, sessionId, "A");
        var firstWaiting = await ActivitiesScenario.RegisterAsync(b, sessionId, "B");
        var secondWaiting = await ActivitiesScenario.RegisterAsync(c, sessionId, "C");
        Assert.Equal(RegistrationStatus.Confirmed, held.Status);
        Assert.NotNull(held.CheckInCode);
        Assert.Equal((1, 2), (firstWaiting.WaitlistPosition, secondWaiting.WaitlistPosition));

        var cancelled = await a.PostAsJsonAsync($"/registrations/{held.Id}/cancel", new { reason = "孙子生日，电话13812345678" });
        var offered = await b.GetFromJsonAsync<RegistrationDto>($"/registrations/{firstWaiting.Id}");
        var stillWaiting = await c.GetFromJsonAsync<RegistrationDto>($"/registrations/{secondWaiting.Id}");
        var accepted = await b.PostAsync($"/registrations/{firstWaiting.Id}/accept", null);
        var acceptedAgain = await b.PostAsync($"/registrations/{firstWaiting.Id}/accept", null);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(RegistrationStatus.Offered, offered!.Status);

        // The resident's own words stay with the registration; the event says only who cancelled.
        Assert.Equal("孙子生日，电话13812345678", (await a.GetFromJsonAsync<RegistrationDto>($"/registrations/{held.Id}"))!.CancelReason);
        var announced = Assert.Single(await fixture.Host.WithScope(services => services.GetRequiredService<ActivitiesDbContext>().OutboxMessages
            .Where(m => m.MessageType.StartsWith("Community.Contracts.RegistrationCancelled,"))
            .Select(m => m.Payload).ToListAsync()), p => p.Contains(held.Id.ToString()));
        Assert.DoesNotContain("13812345678", announced);
        Assert.DoesNotContain("孙子", announced);
        Assert.Equal(Contracts.CancellationReasons.ByRegistrant, JsonSerializer.Deserialize<Contracts.RegistrationCancelled>(announced, JsonSerializerOptions.Web)!.Code);
        Assert.True(offered.OfferExpiresAt > DateTimeOffset.UtcNow);
        Assert.Equal(1, stillWaiting!.WaitlistPosition);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var confirmed = await accepted.Content.ReadFromJsonAsync<RegistrationDto>();
        Assert.Equal(RegistrationStatus.Confirmed, confirmed!.Status);
        Assert.NotNull(confirmed.CheckInCode);
        Assert.Equal(HttpStatusCode.Conflict, acceptedAgain.StatusCode);
        var session = await a.GetFromJsonAsync<SessionDto>($"/sessions/{sessionId}");
        Assert.Equal(0, session!.PlacesLeft);
    }

    [Fact]
    public async Task Residents_act_only_on_their_own_registrations_and_staff_see_the_list()
    {
        var series = await Scenario.SeriesAsync();
        var owner = fixture.Host.ClientAs(Roles.Resident);
        var neighbour = fixture.Host.ClientAs(Roles.Resident);
        var registration = await ActivitiesScenario.RegisterAsync(owner, series.Sessions[0].Id, "吴阿姨");

        Assert.Equal(HttpStatusCode.Forbidden, (await neighbour.GetAsync($"/registrations/{registration.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await neighbour.PostAsJsonAsync($"/registrations/{registration.Id}/cancel", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await neighbour.GetAsync($"/sessions/{series.Sessions[0].Id}/registrations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/registrations/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsJsonAsync($"/sessions/{Guid.NewGuid()}/registrations", new { participantName = "x" })).StatusCode);
        var list = await Scenario.Staff.GetFromJsonAsync<Page<RegistrationDto>>($"/sessions/{series.Sessions[0].Id}/registrations");
        Assert.Equal(["吴阿姨"], list!.Items.Select(r => r.ParticipantName));
    }

    [Fact]
    public async Task Bad_registration_input_gets_400()
    {
        var series = await Scenario.SeriesAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/sessions/{series.Sessions[0].Id}/registrations")
        {
            Content = JsonContent.Create(new { participantName = "", birthYear = 3000, attributes = Enumerable.Repeat("veteran", 11) }),
        };
        request.Headers.Add("Idempotency-Key", new string('k', 101));

        var response = await fixture.Host.ClientAs(Roles.Resident).SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "participantName", "birthYear", "Idempotency-Key", "attributes" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
    }

    [Fact]
    public async Task Staff_who_reorder_the_waitlist_must_give_a_reason_which_is_kept()
    {
        var series = await Scenario.SeriesAsync(capacity: 1);
        var sessionId = series.Sessions[0].Id;
        await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), sessionId, "有位置");
        var first = await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), sessionId, "第一");
        var second = await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), sessionId, "第二");
        var third = await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), sessionId, "第三");

        var noReason = await Scenario.Staff.PostAsJsonAsync($"/registrations/{third.Id}/waitlist-position", new { position = 1 });
        var tooFar = await Scenario.Staff.PostAsJsonAsync($"/registrations/{third.Id}/waitlist-position", new { position = 9, reason = "x" });
        var byResident = await fixture.Host.ClientAs(Roles.Resident).PostAsJsonAsync($"/registrations/{third.Id}/waitlist-position", new { position = 1, reason = "x" });
        var moved = await Scenario.Staff.PostAsJsonAsync($"/registrations/{third.Id}/waitlist-position", new { position = 1, reason = "行动不便，需陪同者同场" });

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byResident.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var order = await Scenario.Staff.GetFromJsonAsync<Page<RegistrationDto>>($"/sessions/{sessionId}/registrations");
        Assert.Equal(["有位置", "第三", "第一", "第二"], order!.Items.Select(r => r.ParticipantName));
        Assert.Equal([null, 1, 2, 3], order.Items.Select(r => r.WaitlistPosition));
        var changes = await Scenario.Staff.GetFromJsonAsync<List<WaitlistChangeDto>>($"/sessions/{sessionId}/waitlist-changes");
        var change = Assert.Single(changes!);
        Assert.Equal((third.Id, 3, 1, "行动不便，需陪同者同场"), (change.RegistrationId, change.FromPosition, change.ToPosition, change.Reason));
        // A newcomer still queues behind everyone.
        var late = await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), sessionId, "第四");
        Assert.Equal(4, late.WaitlistPosition);
        Assert.Equal(2, (await fixture.Host.ClientAs(Roles.StationStaff).GetFromJsonAsync<RegistrationDto>($"/registrations/{first.Id}"))!.WaitlistPosition);
        Assert.NotNull(second);
    }

    [Fact]
    public async Task A_staff_override_confirms_from_the_waitlist_only_while_a_place_is_free()
    {
        var series = await Scenario.SeriesAsync(capacity: 2);
        var sessionId = series.Sessions[0].Id;
        var holder = fixture.Host.ClientAs(Roles.Resident);
        var held = await ActivitiesScenario.RegisterAsync(holder, sessionId, "甲");
        await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), sessionId, "乙");
        var waiting = await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), sessionId, "丙");

        var full = await Scenario.Staff.PostAsJsonAsync($"/registrations/{waiting.Id}/confirm", new { reason = "志愿者家属" });
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Equal(ActivityProblems.SessionFull, (await full.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());

        // A place frees and is offered to 丙 (first waiting); staff confirm 丙 directly instead.
        await holder.PostAsJsonAsync($"/registrations/{held.Id}/cancel", new { });
        var offered = await Scenario.Staff.PostAsJsonAsync($"/registrations/{waiting.Id}/confirm", new { reason = "x" });
        Assert.Equal(HttpStatusCode.Conflict, offered.StatusCode); // it holds an offer, not a waiting place: accept it instead
        Assert.Equal(HttpStatusCode.OK, (await Scenario.Staff.PostAsync($"/registrations/{waiting.Id}/accept", null)).StatusCode);
        var session = await Scenario.Staff.GetFromJsonAsync<SessionDto>($"/sessions/{sessionId}");
        Assert.Equal(0, session!.PlacesLeft);
    }
}
