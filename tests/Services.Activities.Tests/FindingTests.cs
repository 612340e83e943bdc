using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.Finding;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Sessions;
using Community.Testing;

namespace Community.Services.Activities.Tests;

public sealed class FindingTests(ServiceFixture<ActivitiesDbContext> fixture) : IClassFixture<ServiceFixture<ActivitiesDbContext>>
{
    private ActivitiesScenario Scenario => new(fixture.Host);

    [Fact]
    public async Task A_standard_calendar_parser_reads_each_session_at_its_time_and_sees_a_move_and_a_cancellation_as_newer_versions()
    {
        var series = await Scenario.SeriesAsync(rule: "FREQ=WEEKLY;COUNT=3", firstStartsAt: ActivitiesScenario.NextMonthAt(4, "09:30"));
        var (kept, cancelled, moved) = (series.Sessions[0].Id, series.Sessions[1].Id, series.Sessions[2].Id);
        Assert.Equal(HttpStatusCode.OK, (await Scenario.Staff.PostAsJsonAsync($"/sessions/{cancelled}/cancel", new { reason = "国庆" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Scenario.Staff.PostAsJsonAsync($"/sessions/{moved}/move",
            new { startsAt = ActivitiesScenario.NextMonthAt(26, "14:00"), durationMinutes = 90 })).StatusCode);
        var sessions = new Dictionary<Guid, SessionDto>();
        foreach (var id in new[] { kept, cancelled, moved })
        {
            sessions[id] = (await Scenario.Staff.GetFromJsonAsync<SessionDto>($"/sessions/{id}"))!;
        }

        var ics = await fixture.Host.ClientAs().GetStringAsync($"/series/{series.Id}/calendar.ics");
        var feed = await IcalJs.ParseAsync(ics);

        Assert.Contains("Asia/Shanghai", feed.Zones);
        foreach (var (id, session) in sessions)
        {
            var parsed = Assert.Single(feed.Events, e => e.Uid == $"{id}@community.yangcheng-guidu");
            Assert.Equal(session.StartsAt.UtcDateTime, parsed.StartUtc.UtcDateTime);
            Assert.Equal(session.EndsAt.UtcDateTime, parsed.EndUtc.UtcDateTime);
            Assert.Equal("Asia/Shanghai", parsed.StartZone);
        }

        Assert.Equal((0, "CONFIRMED"), Version(feed, kept));
        Assert.Equal((1, "CANCELLED"), Version(feed, cancelled));
        Assert.Equal((1, "CONFIRMED"), Version(feed, moved));
        Assert.Equal(TimeSpan.FromMinutes(90), sessions[moved].EndsAt - sessions[moved].StartsAt);
    }

    private static (int Sequence, string? Status) Version(IcalJs.Feed feed, Guid session)
    {
        var parsed = feed.Events.Single(e => e.Uid == $"{session}@community.yangcheng-guidu");
        return (parsed.Sequence, parsed.Status);
    }

    [Fact]
    public async Task The_public_calendar_feed_of_a_series_lists_each_session_in_Shanghai_time()
    {
        var series = await Scenario.SeriesAsync(rule: "FREQ=WEEKLY;COUNT=3", firstStartsAt: ActivitiesScenario.NextMonthAt(4, "09:30"));
        await Scenario.Staff.PostAsJsonAsync($"/sessions/{series.Sessions[1].Id}/cancel", new { reason = "国庆" });

        var response = await fixture.Host.ClientAs().GetAsync($"/series/{series.Id}/calendar.ics");
        var venueFeed = await fixture.Host.ClientAs().GetAsync($"/venues/{series.VenueId}/calendar.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR", ics);
        Assert.Equal(3, ics.Split("BEGIN:VEVENT").Length - 1);
        Assert.Contains($"UID:{series.Sessions[0].Id}@community.yangcheng-guidu", ics);
        Assert.Contains("DTSTART;TZID=Asia/Shanghai:", ics);
        Assert.Contains("T093000", ics);
        Assert.Contains("STATUS:CANCELLED", ics);
        Assert.Contains("SUMMARY:智能手机学习班", ics);
        Assert.Equal(HttpStatusCode.OK, venueFeed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Host.ClientAs().GetAsync($"/series/{Guid.NewGuid()}/calendar.ics")).StatusCode);
    }

    [Fact]
    public async Task Near_me_finds_sessions_within_a_fifteen_minute_walk()
    {
        // Two points about 600 m and 3 km from a resident's home.
        var home = (Latitude: 31.30000, Longitude: 121.45000);
        var near = await VenueAtAsync(31.30540, 121.45000);
        var far = await VenueAtAsync(31.32700, 121.45000);
        var nearSeries = await Scenario.SeriesAsync(near, firstStartsAt: ActivitiesScenario.NextMonthAt(6, "09:00"));
        await Scenario.SeriesAsync(far, firstStartsAt: ActivitiesScenario.NextMonthAt(6, "09:00"));

        var found = await fixture.Host.ClientAs(Roles.Resident)
            .GetFromJsonAsync<Page<NearbySessionDto>>($"/sessions/near?latitude={home.Latitude}&longitude={home.Longitude}&pageSize=100");
        var wider = await fixture.Host.ClientAs(Roles.Resident)
            .GetFromJsonAsync<Page<NearbySessionDto>>($"/sessions/near?latitude={home.Latitude}&longitude={home.Longitude}&radiusMeters=5000&pageSize=100");
        var bad = await fixture.Host.ClientAs(Roles.Resident).GetAsync("/sessions/near?latitude=95&radiusMeters=0");

        var mine = Assert.Single(found!.Items, s => s.Session.VenueId == near);
        Assert.Equal(nearSeries.Sessions[0].Id, mine.Session.Id);
        Assert.InRange(mine.DistanceMeters, 550, 650);
        Assert.InRange(mine.WalkMinutes, 8, 10);
        Assert.DoesNotContain(found.Items, s => s.Session.VenueId == far);
        Assert.Contains(wider!.Items, s => s.Session.VenueId == far);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("latitude", out _) && errors.TryGetProperty("longitude", out _) && errors.TryGetProperty("radiusMeters", out _));
    }

    [Fact]
    public async Task One_date_moves_without_touching_the_rest_and_a_move_onto_a_taken_slot_is_refused()
    {
        var venue = await Scenario.VenueAsync();
        var series = await Scenario.SeriesAsync(venue.Id, rule: "FREQ=WEEKLY;COUNT=3", firstStartsAt: ActivitiesScenario.NextMonthAt(2, "09:30"));
        var other = await Scenario.SeriesAsync(venue.Id, firstStartsAt: ActivitiesScenario.NextMonthAt(25, "14:00"));
        var registration = await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), series.Sessions[1].Id, "郑叔叔");

        var moved = await Scenario.Staff.PostAsJsonAsync($"/sessions/{series.Sessions[1].Id}/move", new { startsAt = ActivitiesScenario.NextMonthAt(10, "14:00") });
        var clash = await Scenario.Staff.PostAsJsonAsync($"/sessions/{series.Sessions[2].Id}/move", new { startsAt = ActivitiesScenario.NextMonthAt(25, "14:30") });
        var past = await Scenario.Staff.PostAsJsonAsync($"/sessions/{series.Sessions[2].Id}/move", new { startsAt = "2020-01-01T09:00" });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(new TimeOnly(14, 0), TimeOnly.FromDateTime((await moved.Content.ReadFromJsonAsync<SessionDto>())!.StartsAtLocal));
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal(other.Sessions[0].Id, (await clash.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conflictingSessionId").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var untouched = await Scenario.Staff.GetFromJsonAsync<SessionDto>($"/sessions/{series.Sessions[2].Id}");
        Assert.Equal(series.Sessions[2].StartsAt, untouched!.StartsAt);
        var stillRegistered = await Scenario.Staff.GetFromJsonAsync<RegistrationDto>($"/registrations/{registration.Id}");
        Assert.Equal(RegistrationStatus.Confirmed, stillRegistered!.Status);
    }

    [Fact]
    public async Task Cancelling_the_rest_of_a_series_cancels_every_future_session()
    {
        var series = await Scenario.SeriesAsync(rule: "FREQ=DAILY;COUNT=4", firstStartsAt: ActivitiesScenario.NextMonthAt(14, "19:00"));
        await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), series.Sessions[3].Id, "冯先生");

        var response = await Scenario.Staff.PostAsJsonAsync($"/series/{series.Id}/cancel-remaining", new { reason = "老师调任" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await response.Content.ReadFromJsonAsync<Community.Services.Activities.Series.SeriesDto>();
        Assert.All(after!.Sessions, s => Assert.Equal(SessionStatus.Cancelled, s.Status));
        Assert.Equal(HttpStatusCode.BadRequest, (await Scenario.Staff.PostAsJsonAsync($"/series/{series.Id}/cancel-remaining", new { reason = "" })).StatusCode);
    }

    private async Task<Guid> VenueAtAsync(double latitude, double longitude)
    {
        var response = await Scenario.Staff.PostAsJsonAsync("/venues", new { name = $"服务点 {Guid.NewGuid():N}"[..20], capacity = 50, latitude, longitude });
        return (await response.Content.ReadFromJsonAsync<Community.Services.Activities.Venues.VenueDto>())!.Id;
    }
}
