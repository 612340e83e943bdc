using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.Testing;

namespace Community.EndToEnd.Tests;

/// <summary>A resident's rights over what the platform holds about them: one export, and erasure, through the gateway, across the services.</summary>
[Collection(SystemCollection.Name)]
public sealed class DataRightsTests(AppHostFixture fixture)
{
    /// <summary>A resident's record in a new building, linked to her account, with a sensitive tag kept with her consent.</summary>
    private static async Task<(Guid Building, Guid Record)> RecordWithTagAsync(HttpClient staff, Guid accountId, string name, int birthYear, string phone)
    {
        var building = (await (await staff.PostAsJsonAsync("/api/grid/buildings", new { compoundId = "0195a000-0000-7000-8000-000000000001", number = Unique.BuildingNumber(), floors = 6 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var household = (await (await staff.PostAsJsonAsync("/api/grid/households", new { buildingId = building, unit = "302" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var record = (await (await staff.PostAsJsonAsync($"/api/grid/households/{household}/residents", new { name, birthYear, phone }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/grid/residents/{record}/account", new { accountId })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/grid/residents/{record}/tags", new { tag = "living-alone", consent = "签字同意书" })).StatusCode);
        return (building, record);
    }

    [Fact]
    public async Task A_resident_downloads_everything_the_platform_holds_about_them_in_one_export_and_nobody_elses()
    {
        var staff = (await fixture.SignedInAsync("居委会小郑", Roles.StationStaff)).Client;
        var gu = await fixture.SignedInAsync("顾阿姨", Roles.Resident);
        var neighbour = await fixture.SignedInAsync("邻居", Roles.Resident);

        // Her record in Grid, linked to her account, with a sensitive tag a worker was shown for a stated purpose.
        var (_, record) = await RecordWithTagAsync(staff, gu.AccountId, "顾秀兰", 1948, "13800001111");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/grid/residents/{record}?purpose=安排陪同就医")).StatusCode);

        // A registration of hers in Activities (once Activities knows whose account her record is).
        var venue = (await (await staff.PostAsJsonAsync("/api/activities/venues", new { name = $"睦邻点 {Guid.NewGuid():N}"[..20], capacity = 30 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var starts = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(3), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var series = await (await staff.PostAsJsonAsync("/api/activities/series", new
        {
            title = "老年健身操", category = "fitness", audience = "everyone", organiser = "居委会", venueId = venue, capacity = 20,
            firstStartsAt = $"{starts:yyyy-MM-ddTHH:mm}", durationMinutes = 60,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var session = series.GetProperty("sessions")[0].GetProperty("id").GetGuid();
        await Eventually.True(async () =>
            (await gu.Client.PostAsJsonAsync($"/api/activities/sessions/{session}/registrations", new { residentId = record })).StatusCode == HttpStatusCode.Created,
            TimeSpan.FromSeconds(30), "her registration (once Activities knows her record)");

        // Without a token there is no export; with hers, one download with every service's part.
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous().GetAsync("/api/my-data")).StatusCode);
        var export = await gu.Client.GetAsync("/api/my-data");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        var data = (await export.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("services");
        Assert.Equal(gu.AccountId, data.GetProperty("identity").GetProperty("id").GetGuid());
        var grid = data.GetProperty("grid");
        Assert.Equal(("顾秀兰", "13800001111"), (grid.GetProperty("resident").GetProperty("name").GetString(), grid.GetProperty("resident").GetProperty("phone").GetString()));
        Assert.Equal("living-alone", grid.GetProperty("sensitiveTags")[0].GetProperty("tag").GetString());
        Assert.Contains(grid.GetProperty("sensitiveTagReads").EnumerateArray(), r => r.GetProperty("purpose").GetString() == "安排陪同就医");
        var registration = Assert.Single(data.GetProperty("activities").GetProperty("registrations").EnumerateArray());
        Assert.Equal(session, registration.GetProperty("sessionId").GetGuid());
        Assert.Equal(JsonValueKind.Array, data.GetProperty("volunteers").GetProperty("records").ValueKind);
        Assert.Equal(JsonValueKind.Array, data.GetProperty("notices").GetProperty("notices").ValueKind);

        // The neighbour's export holds nothing of hers.
        var theirs = await neighbour.Client.GetStringAsync("/api/my-data");
        Assert.DoesNotContain("顾秀兰", theirs);
        Assert.DoesNotContain(record.ToString(), theirs);
    }

    [Fact]
    public async Task A_resident_who_asks_for_erasure_is_closed_out_at_once_and_every_service_erases_her_and_answers()
    {
        var staff = (await fixture.SignedInAsync("居委会小钱", Roles.StationStaff)).Client;
        var lu = await fixture.SignedInAsync("陆阿姨", Roles.Resident);
        var waiting = await fixture.SignedInAsync("等位的邻居", Roles.Resident);

        // Her record in Grid with a sensitive tag, her volunteer record, both linked to her account.
        var (building, record) = await RecordWithTagAsync(staff, lu.AccountId, "陆美华", 1952, "13800003333");
        var volunteer = (await (await staff.PostAsJsonAsync("/api/volunteers/volunteers", new
        {
            displayName = "陆美华", phone = $"136{Random.Shared.Next(10_000_000, 99_999_999)}", kind = "party-member", skills = new[] { "elderly-companionship" },
            workUnit = "退休教师",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/volunteers/volunteers/{volunteer}/account", new { accountId = lu.AccountId })).StatusCode);

        // She holds the only place in a session to come; a neighbour waits for it. She reported a problem still open.
        var venue = (await (await staff.PostAsJsonAsync("/api/activities/venues", new { name = $"活动室 {Guid.NewGuid():N}"[..20], capacity = 30 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var starts = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(4), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var session = (await (await staff.PostAsJsonAsync("/api/activities/series", new
        {
            title = "插花课", category = "class", audience = "everyone", organiser = "居委会", venueId = venue, capacity = 1,
            firstStartsAt = $"{starts:yyyy-MM-ddTHH:mm}", durationMinutes = 60,
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessions")[0].GetProperty("id").GetGuid();
        var place = await Eventually.Get(async () =>
        {
            var response = await lu.Client.PostAsJsonAsync($"/api/activities/sessions/{session}/registrations", new { residentId = record });
            return response.StatusCode == HttpStatusCode.Created ? (Guid?)(await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() : null;
        }, TimeSpan.FromSeconds(30), "her registration (once Activities knows her record)");
        var queued = await (await waiting.Client.PostAsJsonAsync($"/api/activities/sessions/{session}/registrations", new { participantName = "邻居王", birthYear = 1950 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("waitlisted", queued.GetProperty("status").GetString());
        var problem = (await (await lu.Client.PostAsJsonAsync("/api/grid/requests", new { category = "repair", channel = "app", buildingId = building, description = "楼道灯坏了，陆美华 13800003333" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Erasure needs her password again; with it, her account is closed at once and the request is under way.
        Assert.Equal(HttpStatusCode.BadRequest, (await lu.Client.PostAsJsonAsync("/api/identity/accounts/me/erasure", new { password = "not-hers" })).StatusCode);
        var asked = await lu.Client.PostAsJsonAsync("/api/identity/accounts/me/erasure", new { password = People.Password });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var requestId = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var signIn = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.People.SignInAsync(lu.Phone, People.Password));
        Assert.Equal("sign-in answered 401", signIn.Message);
        Assert.Equal(HttpStatusCode.Forbidden, (await lu.Client.GetAsync("/api/identity/erasure-requests")).StatusCode);

        // Staff follow it until every service has answered.
        JsonElement done = await Eventually.Get(async () =>
        {
            var state = await staff.GetFromJsonAsync<JsonElement>($"/api/identity/erasure-requests/{requestId}");
            return state.GetProperty("completedAt").ValueKind == JsonValueKind.Null ? (JsonElement?)null : state;
        }, TimeSpan.FromSeconds(60), "every service to answer the erasure request") ?? default;
        Assert.Empty(done.GetProperty("pending").EnumerateArray());
        Assert.Equal(["activities", "grid", "notices", "partners", "volunteers"],
            done.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("service").GetString()!).Order(StringComparer.Ordinal));

        // Everywhere she was, she is no longer named; what others rely on stays.
        var account = await staff.GetFromJsonAsync<JsonElement>($"/api/identity/accounts/{lu.AccountId}");
        Assert.True(account.GetProperty("disabled").GetBoolean());
        Assert.DoesNotContain("陆阿姨", account.ToString());
        var resident = await staff.GetFromJsonAsync<JsonElement>($"/api/grid/residents/{record}?purpose=核对注销");
        Assert.Equal(("已注销", JsonValueKind.Null), (resident.GetProperty("name").GetString(), resident.GetProperty("phone").ValueKind));
        Assert.Empty(resident.GetProperty("tags").EnumerateArray());
        var report = await staff.GetFromJsonAsync<JsonElement>($"/api/grid/requests/{problem}");
        Assert.Equal(JsonValueKind.Null, report.GetProperty("reporterId").ValueKind);
        Assert.True(report.GetProperty("anonymous").GetBoolean());
        // Nor is she named in its history: she took it in herself, her account id stays, her name does not.
        var history = await staff.GetStringAsync($"/api/grid/requests/{problem}/history");
        Assert.Contains(lu.AccountId.ToString(), history);
        Assert.DoesNotContain("陆阿姨", history);
        var booked = await staff.GetFromJsonAsync<JsonElement>($"/api/activities/registrations/{place}");
        Assert.Equal(("已注销", "cancelled"), (booked.GetProperty("participantName").GetString(), booked.GetProperty("status").GetString()));
        var registry = await staff.GetFromJsonAsync<JsonElement>($"/api/volunteers/volunteers/{volunteer}");
        Assert.Equal(("已注销", JsonValueKind.Null), (registry.GetProperty("displayName").GetString(), registry.GetProperty("phone").ValueKind));
        // Her place was given back and offered to the neighbour waiting.
        var offered = await waiting.Client.GetFromJsonAsync<JsonElement>($"/api/activities/registrations/{queued.GetProperty("id").GetGuid()}");
        Assert.Equal("offered", offered.GetProperty("status").GetString());
    }
}
