using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.Testing;

namespace Community.EndToEnd.Tests;

/// <summary>A resident's right to see what the platform holds about them: one export through the gateway, across the services.</summary>
[Collection(SystemCollection.Name)]
public sealed class DataRightsTests(AppHostFixture fixture)
{
    [Fact]
    public async Task A_resident_downloads_everything_the_platform_holds_about_them_in_one_export_and_nobody_elses()
    {
        var staff = (await fixture.SignedInAsync("居委会小郑", Roles.StationStaff)).Client;
        var gu = await fixture.SignedInAsync("顾阿姨", Roles.Resident);
        var neighbour = await fixture.SignedInAsync("邻居", Roles.Resident);

        // Her record in Grid, linked to her account, with a sensitive tag a worker was shown for a stated purpose.
        var building = (await (await staff.PostAsJsonAsync("/api/grid/buildings", new { compoundId = "0195a000-0000-7000-8000-000000000001", number = Unique.BuildingNumber(), floors = 6 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var household = (await (await staff.PostAsJsonAsync("/api/grid/households", new { buildingId = building, unit = "302" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var record = (await (await staff.PostAsJsonAsync($"/api/grid/households/{household}/residents", new { name = "顾秀兰", birthYear = 1948, phone = "13800001111" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/grid/residents/{record}/account", new { accountId = gu.AccountId })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/grid/residents/{record}/tags", new { tag = "living-alone", consent = "签字同意书" })).StatusCode);
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
}
