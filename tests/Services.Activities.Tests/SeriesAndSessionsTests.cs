using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Sessions;
using Community.Services.Activities.Venues;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Activities.Tests;

public sealed class SeriesAndSessionsTests(ServiceFixture<ActivitiesDbContext> fixture) : IClassFixture<ServiceFixture<ActivitiesDbContext>>
{
    private ActivitiesScenario Scenario => new(fixture.Host);

    [Fact]
    public async Task A_weekly_series_schedules_each_session_at_the_same_Shanghai_time()
    {
        var series = await Scenario.SeriesAsync(rule: "FREQ=WEEKLY;COUNT=4", firstStartsAt: ActivitiesScenario.NextMonthAt(3, "09:30"));

        Assert.Equal(4, series.Sessions.Count);
        Assert.All(series.Sessions, s =>
        {
            Assert.Equal(new TimeOnly(9, 30), TimeOnly.FromDateTime(s.StartsAtLocal));
            Assert.Equal(new TimeSpan(1, 30, 0), s.StartsAt.UtcDateTime.TimeOfDay); // UTC+8
            Assert.Equal(TimeSpan.FromHours(1), s.EndsAt - s.StartsAt);
        });
        Assert.Equal([7, 7, 7], series.Sessions.Zip(series.Sessions.Skip(1), (a, b) => (b.StartsAt - a.StartsAt).Days));
        var scheduled = await fixture.Host.WithScope(services => services.GetRequiredService<ActivitiesDbContext>().OutboxMessages
            .CountAsync(m => m.MessageType.StartsWith("Community.Contracts.SessionScheduled,")));
        Assert.True(scheduled >= 4);
    }

    [Fact]
    public async Task Bad_series_input_gets_400_with_field_errors()
    {
        var venue = await Scenario.VenueAsync();
        var response = await Scenario.Staff.PostAsJsonAsync("/series", new
        {
            title = "",
            category = "karaoke",
            audience = "martians",
            organiser = "支部",
            venueId = venue.Id,
            capacity = -3,
            firstStartsAt = "yesterday",
            durationMinutes = 0,
            recurrenceRule = "FREQ=SOMETIMES",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "title", "category", "audience", "capacity", "firstStartsAt", "durationMinutes", "recurrenceRule" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
    }

    [Fact]
    public async Task An_endless_rule_or_a_capacity_beyond_the_room_is_refused()
    {
        var venue = await Scenario.VenueAsync(capacity: 30);
        var endless = await Scenario.Staff.PostAsJsonAsync("/series", new
        {
            title = "健身操", category = "fitness", audience = "elderly", organiser = "支部", venueId = venue.Id, capacity = 20,
            firstStartsAt = ActivitiesScenario.NextMonthAt(2), durationMinutes = 45, recurrenceRule = "FREQ=DAILY",
        });
        var tooMany = await Scenario.Staff.PostAsJsonAsync("/series", new
        {
            title = "健身操", category = "fitness", audience = "elderly", organiser = "支部", venueId = venue.Id, capacity = 31,
            firstStartsAt = ActivitiesScenario.NextMonthAt(2), durationMinutes = 45,
        });

        Assert.Equal(HttpStatusCode.BadRequest, endless.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.True((await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("capacity", out _));
    }

    [Theory]
    [InlineData("9999-12-31T23:00", null, "firstStartsAt")]
    [InlineData("0001-01-01T00:00", null, "firstStartsAt")]
    [InlineData("FIRST", "FREQ=YEARLY;INTERVAL=100000;COUNT=2", "recurrenceRule")]
    [InlineData("FIRST", "FREQ=YEARLY;COUNT=3", "recurrenceRule")]
    [InlineData("FIRST", "FREQ=WEEKLY;COUNT=99999999999", "recurrenceRule")]
    public async Task A_series_at_the_calendars_end_beyond_two_years_or_with_an_oversized_number_is_400_not_500(string firstStartsAt, string? rule, string field)
    {
        // Before, a start near the year 9999 passed as "in the future" and overflowed adding the duration: a 500.
        var venue = await Scenario.VenueAsync();
        var response = await Scenario.Staff.PostAsJsonAsync("/series", new
        {
            title = "健身操", category = "fitness", audience = "elderly", organiser = "支部", venueId = venue.Id, capacity = 20,
            firstStartsAt = firstStartsAt == "FIRST" ? ActivitiesScenario.NextMonthAt(2) : firstStartsAt, durationMinutes = 120, recurrenceRule = rule,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_session_moved_to_the_calendars_end_is_400_not_500()
    {
        var session = (await Scenario.SeriesAsync()).Sessions[0].Id;

        var moved = await Scenario.Staff.PostAsJsonAsync($"/sessions/{session}/move", new { startsAt = "9999-12-31T23:00", durationMinutes = 120 });

        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.True((await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("startsAt", out _));
    }

    [Fact]
    public async Task Two_sessions_never_overlap_in_one_venue_and_the_clash_names_the_other_session()
    {
        var venue = await Scenario.VenueAsync();
        var first = await Scenario.SeriesAsync(venue.Id, firstStartsAt: ActivitiesScenario.NextMonthAt(10, "14:00"), durationMinutes: 90);

        var clash = await Scenario.Staff.PostAsJsonAsync("/series", new
        {
            title = "讲老底子的故事", category = "story-telling", audience = "everyone", organiser = "青年理事会", venueId = venue.Id, capacity = 10,
            firstStartsAt = ActivitiesScenario.NextMonthAt(3, "15:00"), durationMinutes = 60, recurrenceRule = "FREQ=DAILY;COUNT=10",
        });

        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        var problem = await clash.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ActivityProblems.VenueClash, problem.GetProperty("type").GetString());
        Assert.Equal(first.Sessions[0].Id, problem.GetProperty("conflictingSessionId").GetGuid());
        Assert.Contains("智能手机学习班", problem.GetProperty("detail").GetString());
        // Nothing half-written: no session of the refused series exists.
        var stories = await fixture.Host.WithScope(services => services.GetRequiredService<ActivitiesDbContext>().Series.CountAsync(s => s.Title == "讲老底子的故事"));
        Assert.Equal(0, stories);
    }

    [Fact]
    public async Task Racing_series_for_one_venue_and_time_schedule_exactly_one()
    {
        var venue = await Scenario.VenueAsync();
        var at = ActivitiesScenario.NextMonthAt(20, "10:00");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Scenario.Staff.PostAsJsonAsync("/series", new
        {
            title = "议事会", category = "deliberation-meeting", audience = "everyone", organiser = "居委会", venueId = venue.Id, capacity = 10,
            firstStartsAt = at, durationMinutes = 60,
        })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task Sessions_are_found_by_category_audience_venue_and_free_places()
    {
        var venue = await Scenario.VenueAsync();
        var elderly = await Scenario.SeriesAsync(venue.Id, capacity: 1, audience: "elderly", firstStartsAt: ActivitiesScenario.NextMonthAt(5, "08:00"));
        var everyone = await Scenario.SeriesAsync(venue.Id, capacity: 5, firstStartsAt: ActivitiesScenario.NextMonthAt(5, "10:00"));
        await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), elderly.Sessions[0].Id, "王奶奶", 1948);
        var resident = fixture.Host.ClientAs(Roles.Resident);

        var inVenue = await resident.GetFromJsonAsync<Page<SessionDto>>($"/sessions?venueId={venue.Id}");
        var forElderly = await resident.GetFromJsonAsync<Page<SessionDto>>($"/sessions?venueId={venue.Id}&audience=elderly");
        var withPlaces = await resident.GetFromJsonAsync<Page<SessionDto>>($"/sessions?venueId={venue.Id}&hasPlaces=true");
        var badRange = await resident.GetAsync("/sessions?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z&pageSize=1000000");
        // A week asked for in Shanghai's own offset (as the web app's schedule asks) is the same week, not a 500.
        var day = elderly.Sessions[0].StartsAt.ToOffset(TimeSpan.FromHours(8)).Date;
        var shanghaiDay = new DateTimeOffset(day, TimeSpan.FromHours(8));
        var inShanghaiTime = await resident.GetFromJsonAsync<Page<SessionDto>>(
            $"/sessions?venueId={venue.Id}&from={Uri.EscapeDataString(shanghaiDay.ToString("O"))}&to={Uri.EscapeDataString(shanghaiDay.AddDays(1).ToString("O"))}");

        Assert.Equal([elderly.Sessions[0].Id, everyone.Sessions[0].Id], inVenue!.Items.Select(s => s.Id));
        Assert.Equal([elderly.Sessions[0].Id, everyone.Sessions[0].Id], inShanghaiTime!.Items.Select(s => s.Id));
        Assert.Equal([elderly.Sessions[0].Id], forElderly!.Items.Select(s => s.Id));
        Assert.Equal([everyone.Sessions[0].Id], withPlaces!.Items.Select(s => s.Id));
        Assert.Equal(0, inVenue.Items[0].PlacesLeft);
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
        var errors = (await badRange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("to", out _));
        Assert.True(errors.TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task Cancelling_a_session_cancels_its_registrations_and_tells_them()
    {
        var series = await Scenario.SeriesAsync(capacity: 1);
        var sessionId = series.Sessions[0].Id;
        var resident = fixture.Host.ClientAs(Roles.Resident);
        var confirmed = await ActivitiesScenario.RegisterAsync(resident, sessionId, "李大爷");
        var waiting = await ActivitiesScenario.RegisterAsync(resident, sessionId, "张大妈");

        var cancel = await Scenario.Staff.PostAsJsonAsync($"/sessions/{sessionId}/cancel", new { reason = "停电" });
        var again = await Scenario.Staff.PostAsJsonAsync($"/sessions/{sessionId}/cancel", new { reason = "停电" });
        var late = await resident.PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { participantName = "迟到者", birthYear = 1950 });

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        foreach (var id in new[] { confirmed.Id, waiting.Id })
        {
            var registration = await resident.GetFromJsonAsync<RegistrationDto>($"/registrations/{id}");
            Assert.Equal(RegistrationStatus.Cancelled, registration!.Status);
        }

        var events = await fixture.Host.WithScope(services => services.GetRequiredService<ActivitiesDbContext>().OutboxMessages
            .Where(m => m.MessageType.StartsWith("Community.Contracts.SessionCancelled,") || m.MessageType.StartsWith("Community.Contracts.RegistrationCancelled,"))
            .Select(m => m.Payload).ToListAsync());
        Assert.Single(events, p => p.Contains(sessionId.ToString()) && p.Contains("registrationsCancelled"));
        Assert.Equal(2, events.Count(p => p.Contains(sessionId.ToString()) && p.Contains("heldAPlace")));
    }

    [Fact]
    public async Task Only_staff_plan_and_cancel_and_unknown_sessions_are_404()
    {
        var resident = fixture.Host.ClientAs(Roles.Resident);
        var venue = await Scenario.VenueAsync();

        var plan = await resident.PostAsJsonAsync("/series", new { title = "x", category = "class", audience = "everyone", organiser = "x", venueId = venue.Id, capacity = 5, firstStartsAt = ActivitiesScenario.NextMonthAt(9), durationMinutes = 30 });
        var cancel = await resident.PostAsJsonAsync($"/sessions/{Guid.NewGuid()}/cancel", new { reason = "x" });
        var missing = await resident.GetAsync($"/sessions/{Guid.NewGuid()}");
        var missingSeries = await resident.GetAsync($"/series/{Guid.NewGuid()}");
        // Who fills a session's volunteer roles is for the people who run it, not any resident or partner.
        var session = (await Scenario.SeriesAsync(venueId: venue.Id)).Sessions[0].Id;
        var staffing = await resident.GetAsync($"/sessions/{session}/staffing");
        var partnerStaffing = await fixture.Host.ClientAs(Roles.Partner).GetAsync($"/sessions/{session}/staffing");

        Assert.Equal(HttpStatusCode.Forbidden, staffing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, partnerStaffing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Scenario.Staff.GetAsync($"/sessions/{session}/staffing")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, plan.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingSeries.StatusCode);
    }

    [Fact]
    public async Task Handwritten_copies_are_shown_as_works_exhibited_at_the_convenience_market()
    {
        var venue = await Scenario.VenueAsync();
        var market = await Scenario.Staff.PostAsJsonAsync("/series", new
        {
            title = "我为群众办实事 便民集市", category = "convenience-market", audience = "everyone", organiser = "居民区党总支",
            venueId = venue.Id, capacity = 100, firstStartsAt = ActivitiesScenario.NextMonthAt(12, "09:00"), durationMinutes = 180,
        });
        var sessionId = (await market.Content.ReadFromJsonAsync<Community.Services.Activities.Series.SeriesDto>())!.Sessions[0].Id;

        var added = await Scenario.Staff.PostAsJsonAsync($"/sessions/{sessionId}/showcase",
            new { title = "手抄党章", maker = "第三党支部", makerKind = "group", pictureRef = "showcase/2026/dangzhang-01.jpg" });
        var bad = await Scenario.Staff.PostAsJsonAsync($"/sessions/{sessionId}/showcase", new { title = "", maker = "x", makerKind = "robot" });
        var byResident = await fixture.Host.ClientAs(Roles.Resident).PostAsJsonAsync($"/sessions/{sessionId}/showcase", new { title = "x", maker = "x", makerKind = "group" });
        var shown = await fixture.Host.ClientAs(Roles.Resident).GetFromJsonAsync<List<Community.Services.Activities.Showcase.ShowcaseItemDto>>($"/sessions/{sessionId}/showcase");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byResident.StatusCode);
        var item = Assert.Single(shown!);
        Assert.Equal(("手抄党章", "第三党支部", "group"), (item.Title, item.Maker, item.MakerKind));
    }

    [Fact]
    public async Task A_series_racing_the_closure_of_its_date_waits_for_it_and_finds_the_venue_closed()
    {
        var venue = await Scenario.VenueAsync();
        var start = ActivitiesScenario.NextMonthAt(12);
        var day = DateOnly.Parse(start[..10], System.Globalization.CultureInfo.InvariantCulture);

        // Closing a date holds the venue's row while it checks for sessions; here the test holds it and closes the date
        // the same way, while a series for that date is being planned.
        var planned = await HeldRows.WhileWaitingAsync<ActivitiesDbContext, HttpResponseMessage>(fixture.Host.Services,
            $"SELECT 1 FROM venues WHERE id = {venue.Id} FOR UPDATE",
            () => Scenario.Staff.PostAsJsonAsync("/series", new
            {
                title = "健身操", category = "fitness", audience = "elderly", organiser = "支部", venueId = venue.Id, capacity = 20, firstStartsAt = start, durationMinutes = 60,
            }), "%FROM \"venues\" WHERE \"id\" = $1 FOR SHARE%",
            db => db.Database.ExecuteSqlAsync($"UPDATE venues SET closed_dates = array_append(closed_dates, {day}) WHERE id = {venue.Id}"));

        // Before, the planning read the venue open without waiting: a session on a date the venue was closed.
        Assert.Equal(HttpStatusCode.Conflict, planned.StatusCode);
        Assert.Equal(ActivityProblems.VenueClosed, (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Closures_of_different_dates_at_once_are_all_kept()
    {
        var venue = await Scenario.VenueAsync();
        var days = Enumerable.Range(1, 8).Select(d => DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(2)).AddDays(d)).ToList();

        // Before, each closure rewrote the whole list it had read: closures at once lost each other's dates.
        var closed = await Task.WhenAll(days.Select(d => Scenario.Staff.PostAsJsonAsync($"/venues/{venue.Id}/closed-dates", new { date = d })));

        Assert.All(closed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var kept = (await Scenario.Staff.GetFromJsonAsync<VenueDto>($"/venues/{venue.Id}", TestJson.Options))!.ClosedDates;
        Assert.Equal(days, kept.Order().ToList());
    }

    [Fact]
    public async Task Sessions_fit_the_venues_opening_hours_and_closed_dates()
    {
        var firstDay = DateOnly.Parse(ActivitiesScenario.NextMonthAt(1)[..10]);
        var holiday = firstDay.AddDays(7);
        var response = await Scenario.Staff.PostAsJsonAsync("/venues", new
        {
            name = $"党群服务站 {Guid.NewGuid():N}"[..20],
            capacity = 30,
            openingHours = Enum.GetValues<DayOfWeek>().Select(d => new { weekday = d.ToString(), opens = "08:00", closes = "17:00" }),
            closedDates = new[] { holiday },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var venue = (await response.Content.ReadFromJsonAsync<Community.Services.Activities.Venues.VenueDto>(Community.Testing.TestJson.Options))!;
        object Series(string at, string? rule = null) => new
        {
            title = "老年健身操", category = "fitness", audience = "elderly", organiser = "支部", venueId = venue.Id, capacity = 20,
            firstStartsAt = at, durationMinutes = 60, recurrenceRule = rule,
        };

        var evening = await Scenario.Staff.PostAsJsonAsync("/series", Series($"{firstDay:yyyy-MM-dd}T18:00"));
        var overHoliday = await Scenario.Staff.PostAsJsonAsync("/series", Series($"{firstDay:yyyy-MM-dd}T09:00", "FREQ=DAILY;COUNT=10"));
        var morning = await Scenario.Staff.PostAsJsonAsync("/series", Series($"{firstDay.AddDays(2):yyyy-MM-dd}T09:00"));
        var closeBooked = await Scenario.Staff.PostAsJsonAsync($"/venues/{venue.Id}/closed-dates", new { date = firstDay.AddDays(2) });
        var closeFree = await Scenario.Staff.PostAsJsonAsync($"/venues/{venue.Id}/closed-dates", new { date = firstDay.AddDays(3) });

        Assert.Equal(HttpStatusCode.Conflict, evening.StatusCode);
        Assert.Equal(ActivityProblems.VenueClosed, (await evening.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Conflict, overHoliday.StatusCode);
        Assert.Contains($"{holiday:yyyy-MM-dd}", (await overHoliday.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, morning.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, closeBooked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closeFree.StatusCode);
        Assert.Equal([firstDay.AddDays(3), holiday], (await closeFree.Content.ReadFromJsonAsync<Community.Services.Activities.Venues.VenueDto>(Community.Testing.TestJson.Options))!.ClosedDates.Order());
    }
}
