using Community.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;

namespace Community.EndToEnd.Tests;

/// <summary>The stories of domain.md, as far as the services built so far carry them, through the gateway.</summary>
[Collection(SystemCollection.Name)]
public sealed class StoriesTests(AppHostFixture fixture)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>A new person holding <paramref name="role"/>, signed in at the identity provider; their client talks to the gateway.</summary>
    private async Task<HttpClient> SignedInAsync(string role, string name) => (await fixture.SignedInAsync(name, role)).Client;

    /// <summary>
    /// A new person holding <paramref name="role"/>, signed in, whose account staff link to the volunteer record
    /// <paramref name="volunteerId"/>: they act on the record as its volunteer. Other services learn the link from
    /// the VolunteerAccountLinked event, a moment later.
    /// </summary>
    private async Task<HttpClient> VolunteerSignedInAsync(HttpClient staff, Guid volunteerId, string name, string role = Roles.Volunteer)
    {
        var person = await fixture.SignedInAsync(name, role);
        var linked = await staff.PutAsJsonAsync($"/api/volunteers/volunteers/{volunteerId}/account", new { accountId = person.AccountId });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        return person.Client;
    }

    private static string ShanghaiIn(TimeSpan after) =>
        $"{TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow + after, Shanghai):yyyy-MM-ddTHH:mm}";

    [Fact]
    public async Task Story_2_a_grid_team_visits_takes_a_complaint_from_the_group_chat_resolves_it_follows_up_and_an_overdue_one_escalates()
    {
        var staff = await SignedInAsync(Roles.StationStaff, "居委会小王");

        // The team's people are volunteers in the registry; Grid learns of them from VolunteerRegistered.
        async Task<Guid> VolunteerAsync(string name, string kind) => (await (await staff.PostAsJsonAsync("/api/volunteers/volunteers", new
        {
            displayName = name, phone = $"136{Random.Shared.Next(10_000_000, 99_999_999)}", kind, birthDate = "1985-07-01",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var secretary = await VolunteerAsync("王书记", "party-member");
        var leader = await VolunteerAsync("李楼组长", "resident-volunteer");
        var youth = await VolunteerAsync("小赵", "youth-council-member");
        var helper = await VolunteerAsync("陈阿姨", "full-time-mother");
        await Community.Testing.Eventually.True(async () =>
        {
            var known = await staff.GetFromJsonAsync<JsonElement>("/api/grid/volunteers?pageSize=100");
            var ids = known.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("volunteerId").GetGuid()).ToHashSet();
            return new[] { secretary, leader, youth, helper }.All(ids.Contains);
        }, TimeSpan.FromSeconds(30), "the team's volunteers known to Grid");

        // A 1+2+X team is formed for a building group.
        var building = (await (await staff.PostAsJsonAsync("/api/grid/buildings", new { compoundId = "0195a000-0000-7000-8000-000000000001", number = Unique.BuildingNumber(), floors = 6 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var grid = (await (await staff.PostAsJsonAsync("/api/grid/grids", new { name = $"第{Guid.NewGuid():N}"[..10] + "网格", buildingIds = new[] { building } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var (who, role) in new[] { (secretary, "secretary"), (leader, "building-leader"), (youth, "youth-representative"), (helper, "volunteer") })
        {
            Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/grid/grids/{grid}/team", new { volunteerId = who, role })).StatusCode);
        }

        Assert.True((await staff.GetFromJsonAsync<JsonElement>($"/api/grid/grids/{grid}")).GetProperty("teamComplete").GetBoolean());
        var household = (await (await staff.PostAsJsonAsync("/api/grid/households", new { buildingId = building, unit = "302" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var resident = (await (await staff.PostAsJsonAsync($"/api/grid/households/{household}/residents", new { name = "周老伯", birthYear = 1942, phone = "13811112222" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Volunteers visit the household. The building leader works the grid as a grid worker, signed in with an account
        // staff link to his volunteer record; Grid learns the link from VolunteerAccountLinked, a moment later.
        var team = await VolunteerSignedInAsync(staff, leader, "李楼组长", Roles.GridWorker);
        var visited = await Community.Testing.Eventually.Get(async () =>
        {
            var response = await team.PostAsJsonAsync("/api/grid/visits", new
            {
                householdId = household, visitedAt = DateTimeOffset.UtcNow.AddMinutes(-30), visitorIds = new[] { leader, helper }, note = "老伯独居，精神不错",
            });
            return response.StatusCode == HttpStatusCode.Forbidden ? null : (HttpStatusCode?)response.StatusCode;
        }, TimeSpan.FromSeconds(30), "Grid to know the building leader's account as his team membership");
        Assert.Equal(HttpStatusCode.Created, visited);

        // A complaint arrives from the building group chat; staff take it in and it is routed to the team.
        // 周老伯 signs in with his own account, which staff link to his resident record; staff name that record as the reporter.
        var elder = await fixture.SignedInAsync("周老伯", Roles.Resident);
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/grid/residents/{resident}/account", new { accountId = elder.AccountId })).StatusCode);
        Assert.Equal(resident, (await elder.Client.GetFromJsonAsync<JsonElement>("/api/grid/residents/me")).GetProperty("id").GetGuid());
        var complaint = await (await staff.PostAsJsonAsync("/api/grid/requests", new
        {
            category = "environment-garbage", channel = "building-chat", buildingId = building, householdId = household, reporterId = resident,
            description = "楼下垃圾箱房三天没清运了",
        })).Content.ReadFromJsonAsync<JsonElement>();
        var complaintId = complaint.GetProperty("id").GetGuid();
        Assert.Equal(grid, complaint.GetProperty("gridId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await team.PostAsJsonAsync($"/api/grid/requests/{complaintId}/transitions", new { action = "accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await team.PostAsJsonAsync($"/api/grid/requests/{complaintId}/transitions", new { action = "resolve", resolution = "联系物业当天清运" })).StatusCode);

        // The resident is followed up and is satisfied; the team closes it.
        // 周老伯 answers the follow-up himself: his linked record is the reporter.
        Assert.Equal(HttpStatusCode.OK, (await elder.Client.PostAsJsonAsync($"/api/grid/requests/{complaintId}/follow-ups", new { satisfied = true, comment = "谢谢" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await team.PostAsJsonAsync($"/api/grid/requests/{complaintId}/transitions", new { action = "close" })).StatusCode);

        // An urgent one nobody handles escalates to station staff on its own.
        var urgent = await (await staff.PostAsJsonAsync("/api/grid/requests", new
        {
            category = "elderly-care", priority = "urgent", channel = "phone", buildingId = building, description = "老人摔倒需要帮助",
        })).Content.ReadFromJsonAsync<JsonElement>();
        var urgentId = urgent.GetProperty("id").GetGuid();
        var level = await Community.Testing.Eventually.Get(async () =>
        {
            var current = await staff.GetFromJsonAsync<JsonElement>($"/api/grid/requests/{urgentId}");
            return current.GetProperty("escalationLevel").GetInt32() is > 0 and var l ? (int?)l : null;
        }, TimeSpan.FromSeconds(40), "the overdue request to escalate");
        Assert.Equal(1, level);

        var report = await team.GetFromJsonAsync<JsonElement>($"/api/grid/reports?gridId={grid}");
        Assert.Equal(2, report.GetProperty("requests").GetProperty("total").GetInt32());
        Assert.Equal(1.0, report.GetProperty("requests").GetProperty("satisfactionRate").GetDouble());
        Assert.True(report.GetProperty("requests").GetProperty("escalated").GetInt32() >= 1);
        Assert.Equal(1, report.GetProperty("visits").GetProperty("covered").GetInt32());
    }

    [Fact]
    public async Task Story_3_smartphone_class_fills_waitlists_promotes_and_checks_in_at_the_door()
    {
        var staff = await SignedInAsync(Roles.StationStaff, "居委会小张");
        var venue = await (await staff.PostAsJsonAsync("/api/activities/venues", new { name = $"党群服务站 电脑室 {Guid.NewGuid():N}"[..24], capacity = 20 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var created = await staff.PostAsJsonAsync("/api/activities/series", new
        {
            title = "老年智能手机学习班", category = "class", audience = "elderly", organiser = "双报到在职党员",
            venueId = venue.GetProperty("id").GetGuid(), capacity = 2,
            firstStartsAt = ShanghaiIn(TimeSpan.FromHours(1)), durationMinutes = 60, recurrenceRule = "FREQ=WEEKLY;COUNT=4",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var series = await created.Content.ReadFromJsonAsync<JsonElement>();
        var sessionId = series.GetProperty("sessions")[0].GetProperty("id").GetGuid();
        Assert.Equal(4, series.GetProperty("sessions").GetArrayLength());

        // Tutors are requested from the volunteer registry.
        var tutors = await staff.PostAsJsonAsync($"/api/activities/sessions/{sessionId}/volunteer-roles", new { role = "手机辅导员", skill = "smartphone-tutoring", needed = 2 });
        Assert.Equal(HttpStatusCode.Created, tutors.StatusCode);

        // 赵奶奶 has no smartphone: her grid worker registers her, with the consent she gave at the station, by her
        // resident record (Activities takes her name and age from it, told by Grid).
        var (auntie, uncle, gridWorker) = (await SignedInAsync(Roles.Resident, "王阿姨"), await SignedInAsync(Roles.Resident, "李伯伯"),
            await fixture.SignedInAsync("网格员小陈", Roles.GridWorker));
        var grandma = await fixture.SignedInAsync("赵奶奶", Roles.Resident);
        var building = (await (await staff.PostAsJsonAsync("/api/grid/buildings", new { compoundId = "0195a000-0000-7000-8000-000000000001", number = Unique.BuildingNumber(), floors = 6 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var household = (await (await staff.PostAsJsonAsync("/api/grid/households", new { buildingId = building, unit = "101" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var zhao = (await (await staff.PostAsJsonAsync($"/api/grid/households/{household}/residents", new { name = "赵奶奶", birthYear = 1940 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/grid/residents/{zhao}/account", new { accountId = grandma.AccountId })).StatusCode);

        var first = await RegisterAsync(auntie, sessionId, new { participantName = "王阿姨", birthYear = 1952 });
        var second = await RegisterAsync(uncle, sessionId, new { participantName = "李伯伯", birthYear = 1948 });

        // Without her consent the grid worker is refused; once staff record it, he may act for her.
        var refused = await Community.Testing.Eventually.Get(async () =>
        {
            var response = await gridWorker.Client.PostAsJsonAsync($"/api/activities/sessions/{sessionId}/registrations", new { residentId = zhao });
            return response.StatusCode == HttpStatusCode.NotFound ? null : (HttpStatusCode?)response.StatusCode;
        }, TimeSpan.FromSeconds(30), "Activities to learn of 赵奶奶's record");
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/grid/residents/{zhao}/acting-consents", new
        {
            actorAccountId = gridWorker.AccountId, purpose = "activities", givenHow = "在服务站当面同意，女儿在场", validUntil = DateTimeOffset.UtcNow.AddDays(180),
        })).StatusCode);
        var third = (await Community.Testing.Eventually.Get(async () =>
        {
            var response = await gridWorker.Client.PostAsJsonAsync($"/api/activities/sessions/{sessionId}/registrations", new { residentId = zhao });
            return response.StatusCode == HttpStatusCode.Created ? (JsonElement?)await response.Content.ReadFromJsonAsync<JsonElement>() : null;
        }, TimeSpan.FromSeconds(30), "the consent to reach Activities")) ?? throw new InvalidOperationException("no registration");
        Assert.Equal(("confirmed", "confirmed", "waitlisted"), (Status(first), Status(second), Status(third)));
        Assert.Equal(("赵奶奶", 1), (third.GetProperty("participantName").GetString(), third.GetProperty("waitlistPosition").GetInt32()));

        // A cancellation promotes the next person; 赵奶奶 finds the offer among her registrations and accepts it herself.
        Assert.Equal(HttpStatusCode.OK, (await uncle.PostAsJsonAsync($"/api/activities/registrations/{second.GetProperty("id")}/cancel", new { })).StatusCode);
        // Her list reads Activities' copy of her record's link to her account, which arrives by event: wait for it.
        var offered = (await Community.Testing.Eventually.Get(async () =>
        {
            var mine = await grandma.Client.GetFromJsonAsync<JsonElement>("/api/activities/registrations/mine");
            return mine.GetProperty("items").EnumerateArray().Cast<JsonElement?>()
                .SingleOrDefault(r => r!.Value.GetProperty("id").GetGuid() == third.GetProperty("id").GetGuid());
        }, TimeSpan.FromSeconds(30), "the offer among her registrations"))!.Value;
        Assert.Equal("offered", Status(offered));
        Assert.Equal("网格员小陈", offered.GetProperty("registeredBy").GetString());
        var accepted = await (await grandma.Client.PostAsync($"/api/activities/registrations/{third.GetProperty("id")}/accept", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("confirmed", Status(accepted));

        // He registers her for next week too; she cancels that one herself.
        var nextWeek = await RegisterAsync(gridWorker.Client, series.GetProperty("sessions")[1].GetProperty("id").GetGuid(), new { residentId = zhao });
        Assert.Equal(HttpStatusCode.OK, (await grandma.Client.PostAsJsonAsync($"/api/activities/registrations/{nextWeek.GetProperty("id")}/cancel", new { })).StatusCode);

        // At the door (station staff): one by the code on her card, one found by name.
        var door = await SignedInAsync(Roles.StationStaff, "服务站小刘");
        Assert.Equal(HttpStatusCode.OK, (await door.PostAsJsonAsync($"/api/activities/sessions/{sessionId}/check-ins",
            new { code = first.GetProperty("checkInCode").GetString() })).StatusCode);
        var found = await door.GetFromJsonAsync<JsonElement>($"/api/activities/sessions/{sessionId}/check-ins/search?name=赵");
        Assert.Equal(HttpStatusCode.OK, (await door.PostAsJsonAsync($"/api/activities/sessions/{sessionId}/check-ins",
            new { registrationId = found[0].GetProperty("registrationId").GetGuid() })).StatusCode);

        var staffing = await staff.GetFromJsonAsync<JsonElement>($"/api/activities/sessions/{sessionId}/staffing");
        Assert.Equal(2, staffing.GetProperty("needed").GetInt32());

        // Anyone's calendar app can subscribe to the class, without a token.
        var feed = await fixture.Anonymous().GetAsync($"/api/activities/series/{series.GetProperty("id")}/calendar.ics");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Contains("老年智能手机学习班", await feed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Story_6_handwritten_copies_are_exhibited_at_the_convenience_market()
    {
        var staff = await SignedInAsync(Roles.StationStaff, "居委会小孙");
        var venue = await (await staff.PostAsJsonAsync("/api/activities/venues", new { name = $"小区广场 {Guid.NewGuid():N}"[..20], capacity = 300 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var market = await (await staff.PostAsJsonAsync("/api/activities/series", new
        {
            title = "“我为群众办实事”便民集市", category = "convenience-market", audience = "everyone", organiser = "居民区党总支",
            venueId = venue.GetProperty("id").GetGuid(), capacity = 300, firstStartsAt = ShanghaiIn(TimeSpan.FromDays(3)), durationMinutes = 180,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var sessionId = market.GetProperty("sessions")[0].GetProperty("id").GetGuid();

        foreach (var maker in new[] { "第一党支部", "第二党支部" })
        {
            var added = await staff.PostAsJsonAsync($"/api/activities/sessions/{sessionId}/showcase",
                new { title = "学党章 强党性 手抄本", maker, makerKind = "group", pictureRef = $"showcase/{maker}.jpg" });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        var shown = await (await SignedInAsync(Roles.Resident, "逛集市的居民")).GetFromJsonAsync<JsonElement>($"/api/activities/sessions/{sessionId}/showcase");
        Assert.Equal(2, shown.GetArrayLength());
        Assert.All(shown.EnumerateArray(), item => Assert.Equal("学党章 强党性 手抄本", item.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Story_3_tutors_sign_up_through_the_registry_and_their_hours_are_credited_when_the_session_completes()
    {
        var staff = await SignedInAsync(Roles.StationStaff, "居委会小吴");
        var tutor = await (await staff.PostAsJsonAsync("/api/volunteers/volunteers", new
        {
            displayName = "何老师", phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}", kind = "in-service-party-member",
            workUnit = "区中心医院", skills = new[] { "smartphone-tutoring" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var tutorId = tutor.GetProperty("id").GetGuid();

        // The class starts in forty seconds (time enough to staff it), so that it can be completed during the test.
        var startsAt = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddSeconds(40), Shanghai);
        var venue = await (await staff.PostAsJsonAsync("/api/activities/venues", new { name = $"电脑室 {Guid.NewGuid():N}"[..20], capacity = 20 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var series = await (await staff.PostAsJsonAsync("/api/activities/series", new
        {
            title = "智能手机课", category = "class", audience = "elderly", organiser = "在职党员", venueId = venue.GetProperty("id").GetGuid(),
            capacity = 10, firstStartsAt = $"{startsAt:yyyy-MM-ddTHH:mm:ss}", durationMinutes = 45,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var session = series.GetProperty("sessions")[0];
        var sessionId = session.GetProperty("id").GetGuid();
        var role = await (await staff.PostAsJsonAsync($"/api/activities/sessions/{sessionId}/volunteer-roles",
            new { role = "手机辅导员", skill = "smartphone-tutoring", needed = 1 })).Content.ReadFromJsonAsync<JsonElement>();
        var requestId = role.GetProperty("id").GetGuid();

        // The request reaches the registry as an opportunity; the tutor, signed in with the account staff linked to
        // her record, signs up for its shift.
        var tutorClient = await VolunteerSignedInAsync(staff, tutorId, "何老师");
        var shiftId = await Community.Testing.Eventually.Get(async () =>
        {
            var page = await tutorClient.GetFromJsonAsync<JsonElement>("/api/volunteers/opportunities?skill=smartphone-tutoring&pageSize=100");
            return page.GetProperty("items").EnumerateArray()
                .Where(o => o.GetProperty("requestId").GetGuid() == requestId)
                .Select(o => (Guid?)o.GetProperty("shifts")[0].GetProperty("id").GetGuid()).FirstOrDefault();
        }, TimeSpan.FromSeconds(30), "the opportunity in the registry");
        Assert.Equal(HttpStatusCode.Created, (await tutorClient.PostAsJsonAsync($"/api/volunteers/shifts/{shiftId}/signups", new { volunteerId = tutorId })).StatusCode);
        await Community.Testing.Eventually.True(async () =>
            (await staff.GetFromJsonAsync<JsonElement>($"/api/activities/sessions/{sessionId}/staffing")).GetProperty("filled").GetInt32() == 1,
            TimeSpan.FromSeconds(30), "the session's staffing to show the tutor");

        // Staff check the tutor in at the door (she cannot check herself in); once the class has started, staff complete
        // it and report her 45 minutes (only time served is credited — a volunteer who never came gets nothing).
        Assert.Equal(HttpStatusCode.Forbidden, (await tutorClient.PostAsync($"/api/activities/sessions/{sessionId}/volunteers/{tutorId}/arrival", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/activities/sessions/{sessionId}/volunteers/{tutorId}/arrival", null)).StatusCode);
        var wait = session.GetProperty("startsAt").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait + TimeSpan.FromSeconds(1));
        }

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/activities/sessions/{sessionId}/complete",
            new { present = new[] { new { volunteerId = tutorId, minutes = 45 } } })).StatusCode);
        var hours = await Community.Testing.Eventually.Get(async () =>
        {
            var total = await tutorClient.GetFromJsonAsync<JsonElement>($"/api/volunteers/volunteers/{tutorId}/hours");
            return total.GetProperty("confirmedMinutes").GetInt32() > 0 ? (int?)total.GetProperty("confirmedMinutes").GetInt32() : null;
        }, TimeSpan.FromSeconds(30), "the tutor's hours");
        Assert.Equal(45, hours);
    }

    [Fact]
    public async Task Story_4_young_pioneers_clean_the_riverbank_with_consent_and_supervisors_and_each_gets_a_certificate()
    {
        var staff = await SignedInAsync(Roles.StationStaff, "居委会小李");
        async Task<Guid> AdultAsync(string name) => (await (await staff.PostAsJsonAsync("/api/volunteers/volunteers", new
        {
            displayName = name, phone = $"137{Random.Shared.Next(10_000_000, 99_999_999)}", kind = "league-member", skills = new[] { "riverbank-cleanup" },
            birthDate = "1996-05-01",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        async Task SupervisorAsync(Guid adult) => Assert.Equal(HttpStatusCode.OK,
            (await staff.PutAsJsonAsync($"/api/volunteers/volunteers/{adult}/supervision", new { supervises = true })).StatusCode);
        var squadLeader = await AdultAsync("团员小周");
        var mother = await AdultAsync("陈妈妈");
        // The squad leader supervises the children (marked by the station; only such adults count for 1:5).
        await SupervisorAsync(squadLeader);
        // Each adult signs in with an account staff link to their volunteer record.
        var signedIn = new Dictionary<Guid, HttpClient>
        {
            [squadLeader] = await VolunteerSignedInAsync(staff, squadLeader, "团员小周"),
            [mother] = await VolunteerSignedInAsync(staff, mother, "陈妈妈"),
        };
        HttpClient As(Guid volunteer) => signedIn[volunteer];
        var squad = await (await staff.PostAsJsonAsync("/api/volunteers/teams", new { name = $"绿水清波小纵队 {Guid.NewGuid():N}"[..20], leaderIds = new[] { squadLeader } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var squadId = squad.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await As(squadLeader).PostAsJsonAsync($"/api/volunteers/teams/{squadId}/members", new { volunteerId = mother })).StatusCode);

        // The mother registers three Young Pioneers with her consent; without a guardian it is refused.
        var birthDate = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-10);
        var refused = await staff.PostAsJsonAsync("/api/volunteers/volunteers", new { displayName = "无监护", kind = "young-pioneer", birthDate });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var children = new List<Guid>();
        foreach (var name in new[] { "小明", "小红", "小刚" })
        {
            var child = await As(mother).PostAsJsonAsync("/api/volunteers/volunteers", new
            {
                displayName = name, kind = "young-pioneer", birthDate, guardianId = mother, consentScope = "绿水清波小纵队河道清洁活动",
            });
            Assert.Equal(HttpStatusCode.Created, child.StatusCode);
            children.Add((await child.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            Assert.Equal(HttpStatusCode.Created,
                (await As(squadLeader).PostAsJsonAsync($"/api/volunteers/teams/{squadId}/members", new { volunteerId = children[^1] })).StatusCode);
        }

        // Staff open a clean-up starting in a few seconds; the squad signs up together, adults and children.
        var startsAt = DateTimeOffset.UtcNow.AddSeconds(5);
        var cleanUp = await (await staff.PostAsJsonAsync("/api/volunteers/opportunities", new
        {
            title = "彭越浦河岸清洁", skill = "riverbank-cleanup",
            shifts = new[] { new { startsAt, endsAt = startsAt.AddMinutes(90), place = "彭越浦河岸", minVolunteers = 3, maxVolunteers = 12 } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var shiftId = cleanUp.GetProperty("shifts")[0].GetProperty("id").GetGuid();
        var signedUp = await As(squadLeader).PostAsJsonAsync($"/api/volunteers/shifts/{shiftId}/team-signups", new { teamId = squadId });
        Assert.Equal(HttpStatusCode.Created, signedUp.StatusCode);
        Assert.Equal(5, (await signedUp.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());

        // After the clean-up the supervisor confirms who served: 90 minutes each. Being on the shift is not enough.
        await Task.Delay(startsAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync($"/api/volunteers/shifts/{shiftId}/complete", new { })).StatusCode);
        var completed = await staff.PostAsJsonAsync($"/api/volunteers/shifts/{shiftId}/complete",
            new { served = children.Append(squadLeader).Append(mother).Select(v => new { volunteerId = v }) });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);

        foreach (var child in children)
        {
            var hours = await As(mother).GetFromJsonAsync<JsonElement>($"/api/volunteers/volunteers/{child}/hours");
            Assert.Equal(90, hours.GetProperty("confirmedMinutes").GetInt32());
            var certificate = await As(mother).GetAsync($"/api/volunteers/volunteers/{child}/certificate");
            Assert.Equal(HttpStatusCode.OK, certificate.StatusCode);
            var html = await certificate.Content.ReadAsStringAsync();
            Assert.Contains("彭越浦河岸清洁", html);
            Assert.Contains("data-total-minutes=\"90\"", html);
        }

        // The squad leader cannot read a child's certificate meant for the family; another volunteer cannot either.
        Assert.Equal(HttpStatusCode.Forbidden, (await As(squadLeader).GetAsync($"/api/volunteers/volunteers/{children[0]}/certificate")).StatusCode);
    }

    [Fact]
    public async Task A_resident_signs_up_is_linked_to_her_record_registers_herself_and_finds_it_in_my_registrations()
    {
        var staff = await SignedInAsync(Roles.StationStaff, "居委会小郑");
        var anonymous = fixture.Anonymous();

        // She signs up on her own at the provider, through the gateway: a resident account, nothing more.
        var phone = $"17{Random.Shared.NextInt64(100_000_000, 999_999_999)}";
        var signedUp = await anonymous.PostAsJsonAsync("/api/identity/accounts/register", new { phone, password = "zheng-ayi-2026", displayName = "郑阿姨" });
        Assert.Equal(HttpStatusCode.Created, signedUp.StatusCode);
        var account = (await signedUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var me = fixture.People.ApiClient((await fixture.People.SignInAsync(phone, "zheng-ayi-2026")).AccessToken);

        // The grid team has her on record; staff link her account to it.
        var building = (await (await staff.PostAsJsonAsync("/api/grid/buildings", new { compoundId = "0195a000-0000-7000-8000-000000000001", number = Unique.BuildingNumber(), floors = 6 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var household = (await (await staff.PostAsJsonAsync("/api/grid/households", new { buildingId = building, unit = "602" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var record = (await (await staff.PostAsJsonAsync($"/api/grid/households/{household}/residents", new { name = "郑阿姨", birthYear = 1958 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/grid/residents/{record}/account", new { accountId = account })).StatusCode);

        // She registers herself with nothing but a click: her name and age come from her record, once Activities has it.
        var venue = await (await staff.PostAsJsonAsync("/api/activities/venues", new { name = $"睦邻点 {Guid.NewGuid():N}"[..20], capacity = 30 })).Content.ReadFromJsonAsync<JsonElement>();
        var series = await (await staff.PostAsJsonAsync("/api/activities/series", new
        {
            title = "重阳敬老茶话会", category = "study", audience = "elderly", organiser = "居委会",
            venueId = venue.GetProperty("id").GetGuid(), capacity = 30, firstStartsAt = ShanghaiIn(TimeSpan.FromDays(3)), durationMinutes = 90,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var sessionId = series.GetProperty("sessions")[0].GetProperty("id").GetGuid();
        var registered = (await Community.Testing.Eventually.Get(async () =>
        {
            var response = await me.PostAsJsonAsync($"/api/activities/sessions/{sessionId}/registrations", new { });
            return response.StatusCode == HttpStatusCode.Created ? (JsonElement?)await response.Content.ReadFromJsonAsync<JsonElement>() : null;
        }, TimeSpan.FromSeconds(30), "Activities to know her record")) ?? throw new InvalidOperationException("no registration");
        Assert.Equal(("郑阿姨", "confirmed"), (registered.GetProperty("participantName").GetString(), Status(registered)));

        var mine = await me.GetFromJsonAsync<JsonElement>("/api/activities/registrations/mine");
        var listed = Assert.Single(mine.GetProperty("items").EnumerateArray());
        Assert.Equal(registered.GetProperty("id").GetGuid(), listed.GetProperty("id").GetGuid());
        Assert.False(string.IsNullOrEmpty(listed.GetProperty("checkInCode").GetString()));
    }

    private static async Task<JsonElement> RegisterAsync(HttpClient client, Guid sessionId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/activities/sessions/{sessionId}/registrations", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string? Status(JsonElement registration) => registration.GetProperty("status").GetString();
}
