using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Npgsql;

namespace Community.EndToEnd.Tests;

/// <summary>Story 5, cat people, through the gateway: the archive, feeders, complaints linked to the colony, nuisance falling, and the public cat street.</summary>
[Collection(SystemCollection.Name)]
public sealed class CatPeopleStoryTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Story_5_cats_are_archived_feeders_placed_complaints_linked_and_the_report_shows_nuisance_falling()
    {
        var staff = (await fixture.SignedInAsync("居委会小陶", Roles.StationStaff)).Client;
        var today = Neighbourhood.Today(DateTimeOffset.UtcNow);
        var (thisMonth, lastMonth) = (new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, 1).AddMonths(-1));
        var building = (await Created(await staff.PostAsJsonAsync("/api/grid/buildings", new { compoundId = "0195a000-0000-7000-8000-000000000001", number = Unique.BuildingNumber(), floors = 6 })))
            .GetProperty("id").GetGuid();

        // The colony by the building, two cats, two feeding stations with caretakers of the cat team.
        var colony = (await Created(await staff.PostAsJsonAsync("/api/grid/colonies", new { name = $"喵街 {Guid.NewGuid():N}"[..12], place = "building", buildingId = building })))
            .GetProperty("id").GetGuid();
        var orange = (await Created(await staff.PostAsJsonAsync($"/api/grid/colonies/{colony}/cats", new { name = "橘子", sex = "male" }))).GetProperty("id").GetGuid();
        await Created(await staff.PostAsJsonAsync($"/api/grid/colonies/{colony}/cats", new { name = "灰灰", sex = "female", neuteredOn = lastMonth, earTipped = true }));
        async Task<Guid> VolunteerAsync(string name) => (await Created(await staff.PostAsJsonAsync("/api/volunteers/volunteers", new
        {
            displayName = name, phone = $"135{Random.Shared.Next(10_000_000, 99_999_999)}", kind = "resident-volunteer", birthDate = "1960-02-01",
        }))).GetProperty("id").GetGuid();
        var (wang, li) = (await VolunteerAsync("喂猫的王阿姨"), await VolunteerAsync("喂猫的李叔"));
        foreach (var (station, caretaker) in new[] { ("花坛东侧", wang), ("车棚", li) })
        {
            await Community.Testing.Eventually.True(async () => (await staff.PostAsJsonAsync($"/api/grid/colonies/{colony}/stations",
                new { name = station, caretakerIds = new[] { caretaker } })).StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(30), "Grid to know the caretaker");
        }

        // Three complaints from the building chat over two months, linked to the colony.
        var complaints = new List<Guid>();
        foreach (var description in new[] { "楼下野猫半夜叫", "猫在车棚里打架", "猫粮撒了一地" })
        {
            var request = (await Created(await staff.PostAsJsonAsync("/api/grid/requests", new { category = "stray-animals", channel = "building-chat", buildingId = building, description })))
                .GetProperty("id").GetGuid();
            await Created(await staff.PostAsJsonAsync($"/api/grid/colonies/{colony}/complaints", new { requestId = request }));
            complaints.Add(request);
        }

        // Two of them came last month, when the archive began (set in Grid's database: the clock cannot be turned back).
        await using (var grid = NpgsqlDataSource.Create(await fixture.App.GetConnectionStringAsync("griddb") ?? throw new InvalidOperationException("griddb")))
        {
            await using var backdate = grid.CreateCommand("UPDATE requests SET reported_at = $1 WHERE id = ANY($2)");
            backdate.Parameters.AddWithValue(Neighbourhood.StartOf(lastMonth.AddDays(14)));
            backdate.Parameters.AddWithValue(complaints.Take(2).ToArray());
            Assert.Equal(2, await backdate.ExecuteNonQueryAsync());
            await using var began = grid.CreateCommand("UPDATE cat_stays SET \"from\" = $1 WHERE colony_id = $2");
            began.Parameters.AddWithValue(Neighbourhood.StartOf(lastMonth).AddHours(9));
            began.Parameters.AddWithValue(colony);
            await began.ExecuteNonQueryAsync();
        }

        // The orange cat is neutered; the report shows nuisance falling.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/grid/cats/{orange}/neutering", new { neuteredOn = today })).StatusCode);
        var report = await staff.GetFromJsonAsync<JsonElement>($"/api/grid/colonies/{colony}/report?from={lastMonth:yyyy-MM}&to={thisMonth:yyyy-MM}");
        Assert.Equal([2, 1], report.GetProperty("months").EnumerateArray().Select(m => m.GetProperty("complaints").GetInt32()));
        Assert.Equal(1.0, report.GetProperty("months")[1].GetProperty("neuteredShare").GetDouble());
        Assert.Equal("falling", report.GetProperty("trend").GetProperty("direction").GetString());

        // The cat street, for anyone, without a token: the cats, not their caretakers.
        var street = await fixture.Anonymous().GetAsync("/api/grid/cat-street");
        Assert.Equal(HttpStatusCode.OK, street.StatusCode);
        var shown = (await street.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("colonies").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == colony);
        Assert.Equal(["橘子", "灰灰"], shown.GetProperty("cats").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
        Assert.DoesNotContain("喂猫的王阿姨", shown.GetRawText());
    }

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
