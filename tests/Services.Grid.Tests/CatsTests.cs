using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Cats;
using Community.Services.Grid.Data;
using Community.Services.Grid.Requests;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Grid.Tests;

/// <summary>Story 5, cat people: the archive, feeders and their caretakers, complaints linked to the colony, nuisance falling; and who may do what.</summary>
public sealed class CatsTests(ServiceFixture<GridDbContext> fixture) : IClassFixture<ServiceFixture<GridDbContext>>
{
    private readonly GridScenario _scenario = new(fixture.Host);

    private static DateOnly Today => Neighbourhood.Today(DateTimeOffset.UtcNow);

    private static async Task<T> CreatedAsync<T>(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    private static async Task<IEnumerable<string>> FieldsAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
    }

    private static async Task<string> ProblemTypeAsync(Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        Assert.Equal(status, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString()!;
    }

    private static Task<ColonyDto> ColonyAsync(HttpClient client, Guid building) =>
        CreatedAsync<ColonyDto>(client.PostAsJsonAsync("/colonies", new { name = $"花坛 {Guid.NewGuid():N}"[..12], place = "building", buildingId = building }));

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };

    private Task<T> WithDbAsync<T>(Func<GridDbContext, Task<T>> work) => fixture.Host.WithScope(s => work(s.GetRequiredService<GridDbContext>()));

    [Fact]
    public async Task Cats_are_archived_feeders_placed_complaints_linked_to_the_colony_and_the_report_shows_nuisance_falling()
    {
        var (grid, building, secretary) = await _scenario.GridAsync();
        var (_, resident) = await _scenario.HouseholdAsync(building);
        var team = _scenario.As(secretary, Roles.GridWorker);
        var thisMonth = new DateOnly(Today.Year, Today.Month, 1);
        var lastMonth = thisMonth.AddMonths(-1);

        // The building's grid team records the colony and its cats.
        var colony = await ColonyAsync(team, building);
        Assert.Equal((grid, "building"), (colony.GridId!.Value, colony.Place));
        Task<CatDto> AddCat(object cat) => CreatedAsync<CatDto>(team.PostAsJsonAsync($"/colonies/{colony.Id}/cats", cat));
        var orange = await AddCat(new { name = "橘子", description = "橘猫，亲人", photoRef = "photos/orange.jpg", sex = "male",
            vaccinations = new[] { new { vaccine = "狂犬疫苗", givenOn = Today.AddDays(-10) } } });
        var grey = await AddCat(new { name = "灰灰", sex = "female", neuteredOn = lastMonth, earTipped = true });
        var calico = await AddCat(new { name = "三花", sex = "female" });
        Assert.Equal(("in-colony", colony.Id, 1), (orange.Status, orange.ColonyId, orange.Vaccinations.Count));
        Assert.Equal((lastMonth, true), (grey.NeuteredOn!.Value, grey.EarTipped));

        // Two feeders, each with a caretaker from the cat team; a caretaker logs feedings at their own station only.
        var wang = await _scenario.VolunteerAsync("喂猫的王阿姨");
        var li = await _scenario.VolunteerAsync("喂猫的李叔");
        var east = await CreatedAsync<StationDto>(team.PostAsJsonAsync($"/colonies/{colony.Id}/stations", new { name = "花坛东侧", caretakerIds = new[] { wang } }));
        var shed = await CreatedAsync<StationDto>(team.PostAsJsonAsync($"/colonies/{colony.Id}/stations", new { name = "车棚", caretakerIds = new[] { li } }));
        Assert.Equal([(wang, "喂猫的王阿姨")], east.Caretakers.Select(c => (c.VolunteerId, c.DisplayName)));
        var caretaker = _scenario.As(wang, Roles.Volunteer);
        var fed = await CreatedAsync<FeedingDto>(caretaker.PostAsJsonAsync($"/stations/{east.Id}/feedings", new { fedAt = DateTimeOffset.UtcNow.AddHours(-1), note = "来了3只" }));
        Assert.Equal(wang, fed.VolunteerId);
        Assert.Equal(HttpStatusCode.Forbidden, (await caretaker.PostAsJsonAsync($"/stations/{shed.Id}/feedings", new { fedAt = DateTimeOffset.UtcNow })).StatusCode);
        Assert.Equal([east.Id], (await caretaker.GetFromJsonAsync<List<MyStationDto>>("/stations/mine"))!.Select(s => s.Id));
        await CreatedAsync<FeedingDto>(team.PostAsJsonAsync($"/stations/{shed.Id}/feedings", new { fedAt = DateTimeOffset.UtcNow.AddDays(-1), caretakerId = li, note = "纸质记录补录" }));
        var shedLog = await _scenario.As(li, Roles.Volunteer).GetFromJsonAsync<List<FeedingDto>>($"/stations/{shed.Id}/feedings");
        Assert.Equal(li, Assert.Single(shedLog!).VolunteerId);

        // Three stray-animals complaints from the building chat, linked to the colony: two last month, one this month.
        var complaints = new List<Guid>();
        foreach (var description in new[] { "楼下野猫半夜叫", "猫在车棚里打架", "猫粮撒了一地" })
        {
            var request = await CreatedAsync<RequestDto>(_scenario.As(resident, Roles.Resident).PostAsJsonAsync("/requests",
                new { category = "stray-animals", channel = "building-chat", buildingId = building, description }));
            await CreatedAsync<ComplaintDto>(team.PostAsJsonAsync($"/colonies/{colony.Id}/complaints", new { requestId = request.Id }));
            complaints.Add(request.Id);
        }

        var midLastMonth = Neighbourhood.StartOf(lastMonth.AddDays(14));
        var campStart = Neighbourhood.StartOf(lastMonth).AddHours(9);
        await WithDbAsync(async db =>
        {
            await db.Requests.Where(r => r.Id == complaints[0] || r.Id == complaints[1]).ExecuteUpdateAsync(u => u.SetProperty(r => r.ReportedAt, midLastMonth));
            // The archive was started on the first day of last month.
            return await db.CatStays.Where(s => s.ColonyId == colony.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.From, campStart));
        });

        // TNR for the orange cat today; the calico is adopted.
        var neutered = await team.PostAsJsonAsync($"/cats/{orange.Id}/neutering", new { neuteredOn = Today });
        Assert.Equal(HttpStatusCode.OK, neutered.StatusCode);
        Assert.Equal((Today, true), (await neutered.Content.ReadFromJsonAsync<CatDto>()) is { } n ? (n.NeuteredOn!.Value, n.EarTipped) : default);
        var adopted = await team.PostAsJsonAsync($"/cats/{calico.Id}/status", new { status = "adopted" });
        Assert.Equal(HttpStatusCode.OK, adopted.StatusCode);
        Assert.Equal(("adopted", Today), (await adopted.Content.ReadFromJsonAsync<CatDto>()) is { } a ? (a.Status, a.LeftOn!.Value) : default);

        var view = await team.GetFromJsonAsync<ColonyDto>($"/colonies/{colony.Id}");
        Assert.Equal(3, view!.Complaints.Count);
        Assert.Equal(2, view.Stations.Count);
        Assert.Equal(["adopted", "in-colony", "in-colony"], view.Cats.Select(c => c.Status).Order());

        // Nuisance falls: 2 complaints last month, 1 this month; all the cats still here are neutered now, one found a home.
        var report = await team.GetFromJsonAsync<CatReportDto>($"/colonies/{colony.Id}/report?from={lastMonth:yyyy-MM}&to={thisMonth:yyyy-MM}");
        Assert.Equal([new CatMonthDto($"{lastMonth:yyyy-MM}", 2, 3, 1, 0.3333, 0), new CatMonthDto($"{thisMonth:yyyy-MM}", 1, 2, 2, 1.0, 1)], report!.Months);
        Assert.Equal(new NuisanceTrendDto("falling", 2, 1), report.Trend);
        var neighbourhood = await _scenario.Staff.GetFromJsonAsync<CatReportDto>($"/cats/report?from={lastMonth:yyyy-MM}&to={thisMonth:yyyy-MM}");
        Assert.True(neighbourhood!.Months[0].Complaints >= 2 && neighbourhood.Months[1].Adopted >= 1);

        // The cat street, for anyone: the cats still in the colony, and nothing of the caretakers or the complainants.
        var anonymous = fixture.Host.CreateClient();
        var street = await anonymous.GetAsync("/cat-street");
        Assert.Equal(HttpStatusCode.OK, street.StatusCode);
        var text = await street.Content.ReadAsStringAsync();
        var shown = JsonSerializer.Deserialize<CatStreetDto>(text, TestJson.Options)!.Colonies.Single(c => c.Id == colony.Id);
        Assert.Equal(new[] { "橘子", "灰灰" }.Order(), shown.Cats.Select(c => c.Name).Order());
        Assert.Equal((2, 1, "浦联佳苑"), (shown.FeedingStations, shown.Adopted, shown.CompoundName));
        Assert.True(shown.Cats.Single(c => c.Name == "橘子") is { Neutered: true, EarTipped: true, Vaccinated: true });
        // Every name and value on the page, unescaped (the JSON escapes Chinese text).
        var everything = string.Join("\n", Strings(JsonDocument.Parse(text).RootElement));
        Assert.Contains("橘猫，亲人", everything);
        foreach (var secret in new[] { wang.ToString(), li.ToString(), "王阿姨", "李叔", resident.ToString(), complaints[0].ToString(), "半夜", "caretaker" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Two_desks_setting_a_stations_caretakers_at_once_leave_one_desks_list_not_both()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var team = _scenario.As(secretary, Roles.GridWorker);
        var colony = await ColonyAsync(team, building);
        var (old, x, y) = (await _scenario.VolunteerAsync("老喂猫人"), await _scenario.VolunteerAsync("小谢"), await _scenario.VolunteerAsync("小叶"));
        var station = await CreatedAsync<StationDto>(team.PostAsJsonAsync($"/colonies/{colony.Id}/stations", new { name = "车棚", caretakerIds = new[] { old } }));

        // The test holds the station's row while the grid team hands it to X and staff, at the same moment, to Y.
        var set = await HeldRows.WhileWaitingAsync<GridDbContext, HttpResponseMessage[]>(fixture.Host.Services,
            $"SELECT 1 FROM feeding_stations WHERE id = {station.Id} FOR UPDATE",
            () => Task.WhenAll(
                team.PutAsJsonAsync($"/stations/{station.Id}/caretakers", new { caretakerIds = new[] { x } }),
                _scenario.Staff.PutAsJsonAsync($"/stations/{station.Id}/caretakers", new { caretakerIds = new[] { y } })),
            "%FROM \"feeding_stations\" WHERE \"id\" = $1 FOR UPDATE%", _ => Task.CompletedTask, waiters: 2);

        // Before, neither waited: both ended the old caretaker and each added theirs, so both X and Y fed the cats.
        Assert.All(set, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var current = await WithDbAsync(db => db.StationCaretakers.Where(c => c.StationId == station.Id && c.Until == null).Select(c => c.VolunteerId).ToListAsync());
        Assert.Single(current, v => v == x || v == y);
    }

    [Fact]
    public async Task A_cat_brought_back_as_its_death_is_recorded_stays_in_the_archive()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var team = _scenario.As(secretary, Roles.GridWorker);
        var colony = await ColonyAsync(team, building);
        var cat = await CreatedAsync<CatDto>(team.PostAsJsonAsync($"/colonies/{colony.Id}/cats", new { name = "老黄", sex = "male" }));

        // The test holds the cat's row and records its death, as the death's request would, while someone brings it back.
        var back = await HeldRows.WhileWaitingAsync<GridDbContext, HttpResponseMessage>(fixture.Host.Services,
            $"SELECT 1 FROM cats WHERE id = {cat.Id} FOR UPDATE",
            () => team.PostAsJsonAsync($"/colonies/{colony.Id}/cats", new { catId = cat.Id }),
            "%FROM \"cats\" WHERE \"id\" = $1 FOR UPDATE%",
            db => db.Database.ExecuteSqlAsync($"UPDATE cat_stays SET until = now(), end_reason = 'deceased' WHERE cat_id = {cat.Id} AND until IS NULL"));

        // Before, the return read the stay still open and alive, then added a new one once the death had closed it.
        Assert.EndsWith("cat-deceased", await ProblemTypeAsync(Task.FromResult(back), HttpStatusCode.Conflict));
        Assert.Equal(0, await WithDbAsync(db => db.CatStays.CountAsync(s => s.CatId == cat.Id && s.Until == null)));
    }

    [Fact]
    public async Task Other_grids_and_residents_are_refused_bad_input_names_its_fields_a_cat_is_in_one_colony_at_a_time_and_unknown_ids_are_404()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var (_, otherBuilding, stranger) = await _scenario.GridAsync();
        var (_, resident) = await _scenario.HouseholdAsync(building);
        var team = _scenario.As(secretary, Roles.GridWorker);
        var otherTeam = _scenario.As(stranger, Roles.GridWorker);
        var neighbour = _scenario.As(resident, Roles.Resident);
        var colony = await ColonyAsync(team, building);
        var cat = await CreatedAsync<CatDto>(team.PostAsJsonAsync($"/colonies/{colony.Id}/cats", new { name = "黑豆", sex = "unknown" }));
        var feeder = await _scenario.VolunteerAsync("喂猫志愿者");
        var station = await CreatedAsync<StationDto>(team.PostAsJsonAsync($"/colonies/{colony.Id}/stations", new { name = "门口", caretakerIds = new[] { feeder } }));

        // Another grid's worker, a resident, and a volunteer who does not look after the station are refused.
        var refused = new (HttpClient Client, Func<HttpClient, Task<HttpResponseMessage>> Call)[]
        {
            (otherTeam, c => c.GetAsync($"/colonies/{colony.Id}")),
            (otherTeam, c => c.PostAsJsonAsync($"/colonies/{colony.Id}/cats", new { name = "x", sex = "male" })),
            (otherTeam, c => c.GetAsync($"/cats/{cat.Id}")),
            (otherTeam, c => c.PostAsJsonAsync($"/cats/{cat.Id}/neutering", new { neuteredOn = Today })),
            (otherTeam, c => c.PostAsJsonAsync($"/cats/{cat.Id}/status", new { status = "deceased" })),
            (otherTeam, c => c.PostAsJsonAsync($"/colonies/{colony.Id}/stations", new { name = "x" })),
            (otherTeam, c => c.PutAsJsonAsync($"/stations/{station.Id}/caretakers", new { caretakerIds = new[] { stranger } })),
            (otherTeam, c => c.PostAsJsonAsync($"/stations/{station.Id}/feedings", new { fedAt = DateTimeOffset.UtcNow })),
            (otherTeam, c => c.GetAsync($"/colonies/{colony.Id}/report")),
            (otherTeam, c => c.PostAsJsonAsync($"/colonies/{colony.Id}/complaints", new { requestId = Guid.NewGuid() })),
            (otherTeam, c => c.GetAsync($"/stations/{station.Id}/feedings")),
            (neighbour, c => c.GetAsync($"/colonies/{colony.Id}")),
            (neighbour, c => c.PostAsJsonAsync("/colonies", new { name = "x", place = "building", buildingId = building })),
            (neighbour, c => c.GetAsync($"/stations/{station.Id}/feedings")),
            (neighbour, c => c.GetAsync("/cats/report")),
            (team, c => c.GetAsync("/cats/report")),
            (team, c => c.PostAsJsonAsync("/colonies", new { name = $"河边 {Guid.NewGuid():N}"[..12], place = "spot", spot = "河边步道东段" })),
            (_scenario.As(await _scenario.VolunteerAsync(), Roles.Volunteer), c => c.PostAsJsonAsync($"/stations/{station.Id}/feedings", new { fedAt = DateTimeOffset.UtcNow })),
        };
        foreach (var (client, call) in refused)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await call(client)).StatusCode);
        }

        // Bad input: 400 naming the fields, before anything is written.
        var repair = await CreatedAsync<RequestDto>(team.PostAsJsonAsync("/requests", new { category = "repair", channel = "phone", buildingId = building, description = "灯坏了" }));
        Assert.Equal(["neuteredOn", "sex"], await FieldsAsync(team.PostAsJsonAsync($"/colonies/{colony.Id}/cats", new { name = "x", sex = "tom", neuteredOn = Today.AddDays(1) })));
        Assert.Equal(["neuteredOn"], await FieldsAsync(team.PostAsJsonAsync($"/cats/{cat.Id}/neutering", new { neuteredOn = Today.AddDays(1) })));
        Assert.Equal(["status"], await FieldsAsync(team.PostAsJsonAsync($"/cats/{cat.Id}/status", new { status = "lost" })));
        // A control character is refused by the bounds every input has, before the endpoint's own rules look at the rest.
        Assert.Equal(["name"], await FieldsAsync(team.PutAsJsonAsync($"/cats/{cat.Id}", new { name = "黑\0豆", sex = "cat" })));
        Assert.Equal(["sex"], await FieldsAsync(team.PutAsJsonAsync($"/cats/{cat.Id}", new { name = "黑豆", sex = "cat" })));
        Assert.Equal(["caretakerIds"], await FieldsAsync(team.PostAsJsonAsync($"/colonies/{colony.Id}/stations", new { name = "x", caretakerIds = new[] { Guid.NewGuid() } })));
        Assert.Equal(["requestId"], await FieldsAsync(team.PostAsJsonAsync($"/colonies/{colony.Id}/complaints", new { requestId = repair.Id })));
        Assert.Equal(["from", "to"], await FieldsAsync(team.GetAsync($"/colonies/{colony.Id}/report?from=2026-13&to=2999-01")));
        Assert.Equal(["place"], await FieldsAsync(_scenario.Staff.PostAsJsonAsync("/colonies", new { name = "x", place = "garden" })));
        Assert.Equal(["fedAt"], await FieldsAsync(_scenario.As(feeder, Roles.Volunteer).PostAsJsonAsync($"/stations/{station.Id}/feedings", new { fedAt = DateTimeOffset.UtcNow.AddDays(2) })));

        // A cat is in one colony at a time: adding it to a second is refused; moving it is the explicit operation.
        var riverbank = await CreatedAsync<ColonyDto>(_scenario.Staff.PostAsJsonAsync("/colonies",
            new { name = $"河边 {Guid.NewGuid():N}"[..12], place = "spot", spot = "河边步道东段" }));
        Assert.Null(riverbank.GridId);
        Assert.EndsWith("cat-in-another-colony", await ProblemTypeAsync(_scenario.Staff.PostAsJsonAsync($"/colonies/{riverbank.Id}/cats", new { catId = cat.Id }), HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.Forbidden, (await team.PostAsJsonAsync($"/cats/{cat.Id}/move", new { colonyId = riverbank.Id })).StatusCode);
        var moved = await _scenario.Staff.PostAsJsonAsync($"/cats/{cat.Id}/move", new { colonyId = riverbank.Id });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(riverbank.Id, (await moved.Content.ReadFromJsonAsync<CatDto>())!.ColonyId);
        Assert.Equal(HttpStatusCode.Forbidden, (await team.GetAsync($"/cats/{cat.Id}")).StatusCode);
        Assert.EndsWith("cat-in-another-colony", await ProblemTypeAsync(_scenario.Staff.PostAsJsonAsync($"/colonies/{colony.Id}/cats", new { catId = cat.Id }), HttpStatusCode.Conflict));

        // The database holds the rule too, whatever code writes to it.
        var refusedByDatabase = await Assert.ThrowsAsync<DbUpdateException>(() => WithDbAsync(async db =>
        {
            db.CatStays.Add(CatStay.Begin(cat.Id, colony.Id, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        }));
        Assert.Contains(CatRules.OneColonyAtATimeIndex, refusedByDatabase.InnerException!.Message);

        // Adopted, then back: it may join a colony again by its id (from the riverbank, staff's to give, as a move would
        // be); a deceased cat may not.
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Staff.PostAsJsonAsync($"/cats/{cat.Id}/status", new { status = "adopted" })).StatusCode);
        Assert.EndsWith("cat-not-in-a-colony", await ProblemTypeAsync(_scenario.Staff.PostAsJsonAsync($"/cats/{cat.Id}/move", new { colonyId = colony.Id }), HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.Forbidden, (await team.PostAsJsonAsync($"/colonies/{colony.Id}/cats", new { catId = cat.Id })).StatusCode);
        var back = await CreatedAsync<CatDto>(_scenario.Staff.PostAsJsonAsync($"/colonies/{colony.Id}/cats", new { catId = cat.Id }));
        Assert.Equal(("in-colony", colony.Id), (back.Status, back.ColonyId));
        // Adopted again, it is not another grid's to bring back into their colony (before, only the colony it joined
        // was looked at).
        Assert.Equal(HttpStatusCode.OK, (await team.PostAsJsonAsync($"/cats/{cat.Id}/status", new { status = "adopted" })).StatusCode);
        var theirs = await ColonyAsync(otherTeam, otherBuilding);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherTeam.PostAsJsonAsync($"/colonies/{theirs.Id}/cats", new { catId = cat.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await team.PostAsJsonAsync($"/colonies/{colony.Id}/cats", new { catId = cat.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await team.PostAsJsonAsync($"/cats/{cat.Id}/status", new { status = "deceased" })).StatusCode);
        Assert.EndsWith("cat-deceased", await ProblemTypeAsync(team.PostAsJsonAsync($"/colonies/{colony.Id}/cats", new { catId = cat.Id }), HttpStatusCode.Conflict));

        // A request is about one colony.
        var stray = await CreatedAsync<RequestDto>(team.PostAsJsonAsync("/requests", new { category = "stray-animals", channel = "phone", buildingId = building, description = "流浪猫" }));
        await CreatedAsync<ComplaintDto>(team.PostAsJsonAsync($"/colonies/{colony.Id}/complaints", new { requestId = stray.Id }));
        Assert.Equal(HttpStatusCode.Conflict, (await _scenario.Staff.PostAsJsonAsync($"/colonies/{riverbank.Id}/complaints", new { requestId = stray.Id })).StatusCode);

        // Unknown ids: 404.
        var nobody = Guid.NewGuid();
        foreach (var call in new Func<Task<HttpResponseMessage>>[]
        {
            () => _scenario.Staff.GetAsync($"/colonies/{nobody}"),
            () => _scenario.Staff.GetAsync($"/cats/{nobody}"),
            () => _scenario.Staff.GetAsync($"/colonies/{nobody}/report"),
            () => _scenario.Staff.PostAsJsonAsync($"/cats/{nobody}/move", new { colonyId = colony.Id }),
            () => _scenario.Staff.PostAsJsonAsync($"/colonies/{colony.Id}/cats", new { catId = nobody }),
            () => _scenario.Staff.PostAsJsonAsync($"/colonies/{colony.Id}/complaints", new { requestId = nobody }),
            () => _scenario.Staff.PostAsJsonAsync($"/stations/{nobody}/feedings", new { fedAt = DateTimeOffset.UtcNow }),
            () => _scenario.Staff.PostAsJsonAsync("/colonies", new { name = "x", place = "building", buildingId = nobody }),
        })
        {
            var response = await call();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }
}
