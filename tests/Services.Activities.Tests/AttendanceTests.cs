using System.Net;
using System.Net.Http.Json;
using Community.Contracts;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Attendance;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Sessions;
using Community.Services.Activities.Staffing;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Community.Services.Activities.Tests;

public sealed class AttendanceTests(ClockedServiceFixture<ActivitiesDbContext> fixture) : IClassFixture<ClockedServiceFixture<ActivitiesDbContext>>
{
    private static string LocalIn(FakeTimeProvider clock, TimeSpan after) =>
        $"{Series.Recurrence.ToLocal(clock.GetUtcNow() + after):yyyy-MM-ddTHH:mm}";

    private HttpClient VolunteerClient(Guid account)
    {
        var client = fixture.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", DevTokens.Mint(ServiceHost<ActivitiesDbContext>.SigningKey, [Roles.Volunteer], subject: account.ToString()));
        return client;
    }

    [Fact]
    public async Task A_smartphone_class_is_staffed_checked_in_and_completed_and_tutors_are_credited_for_the_time_they_served()
    {
        using var metrics = new MetricReader(fixture.Host.Services);
        var scenario = new ActivitiesScenario(fixture.Host);
        var series = await scenario.SeriesAsync(capacity: 5, firstStartsAt: LocalIn(fixture.Clock, TimeSpan.FromHours(3)), durationMinutes: 90);
        var sessionId = series.Sessions[0].Id;
        var staff = scenario.Staff;

        // Two tutors needed: the request goes out as VolunteersRequested.
        var roleResponse = await staff.PostAsJsonAsync($"/sessions/{sessionId}/volunteer-roles", new { role = "智能手机辅导员", skill = "smartphone-tutoring", needed = 4 });
        Assert.Equal(HttpStatusCode.Created, roleResponse.StatusCode);
        var role = (await roleResponse.Content.ReadFromJsonAsync<VolunteerRoleDto>())!;
        Assert.Single(await OutboxAsync("VolunteersRequested"), p => p.Contains(role.Id.ToString()));

        // The Volunteers service assigns two tutors; one withdraws.
        var bus = fixture.Host.Services.GetRequiredService<IBus>();
        var (tutor1, tutor2) = (Guid.NewGuid(), Guid.NewGuid());
        var (assignment1, assignment2) = (Guid.NewGuid(), Guid.NewGuid());
        await bus.Publish(new VolunteerAssigned(assignment1, tutor1, role.Id, DateTimeOffset.UtcNow));
        await bus.Publish(new VolunteerAssigned(assignment2, tutor2, role.Id, DateTimeOffset.UtcNow));
        await Eventually.True(async () => (await staff.GetFromJsonAsync<StaffingDto>($"/sessions/{sessionId}/staffing"))!.Filled == 2,
            TimeSpan.FromSeconds(30), "both tutors on the staffing list");
        await bus.Publish(new VolunteerWithdrawn(assignment2, tutor2, role.Id, DateTimeOffset.UtcNow));
        await Eventually.True(async () => (await staff.GetFromJsonAsync<StaffingDto>($"/sessions/{sessionId}/staffing"))!.Filled == 1,
            TimeSpan.FromSeconds(30), "the withdrawal");

        // Two more: one who will not come, one the door forgets to check in.
        var (noShowTutor, forgottenTutor) = (Guid.NewGuid(), Guid.NewGuid());
        await bus.Publish(new VolunteerAssigned(Guid.NewGuid(), noShowTutor, role.Id, DateTimeOffset.UtcNow));
        await bus.Publish(new VolunteerAssigned(Guid.NewGuid(), forgottenTutor, role.Id, DateTimeOffset.UtcNow));
        await Eventually.True(async () => (await staff.GetFromJsonAsync<StaffingDto>($"/sessions/{sessionId}/staffing"))!.Filled == 3,
            TimeSpan.FromSeconds(30), "the two more tutors");

        // The tutor still assigned works the door (by the account the registry linked to their record); the one who
        // withdrew, any other volunteer, and a token merely naming the tutor's volunteer id do not.
        var (account1, account2) = (Guid.NewGuid(), Guid.NewGuid());
        await scenario.LinkVolunteerAsync(tutor1, account1);
        await scenario.LinkVolunteerAsync(tutor2, account2);
        var door = VolunteerClient(account1);
        foreach (var stranger in new[] { VolunteerClient(account2), VolunteerClient(Guid.NewGuid()), VolunteerClient(tutor1) })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/sessions/{sessionId}/check-ins", new { code = "ABCDEF" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/sessions/{sessionId}/check-ins/search?name=刘")).StatusCode);
        }

        var withCode = await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), sessionId, "刘奶奶");
        var forgotCode = await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), sessionId, "陈爷爷");
        var absent = await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), sessionId, "林阿姨");

        // Doors are not open three hours ahead.
        Assert.Equal(HttpStatusCode.Conflict, (await door.PostAsJsonAsync($"/sessions/{sessionId}/check-ins", new { code = withCode.CheckInCode })).StatusCode);
        fixture.Clock.Advance(TimeSpan.FromHours(2.5));

        var byCode = await door.PostAsJsonAsync($"/sessions/{sessionId}/check-ins", new { code = withCode.CheckInCode!.ToLowerInvariant() });
        var again = await door.PostAsJsonAsync($"/sessions/{sessionId}/check-ins", new { code = withCode.CheckInCode });
        var found = await door.GetFromJsonAsync<List<DoorListEntry>>($"/sessions/{sessionId}/check-ins/search?name=陈");
        var byName = await door.PostAsJsonAsync($"/sessions/{sessionId}/check-ins", new { registrationId = Assert.Single(found!).RegistrationId });
        var wrongCode = await door.PostAsJsonAsync($"/sessions/{sessionId}/check-ins", new { code = "ZZZZZZ" });

        Assert.Equal(HttpStatusCode.OK, byCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(forgotCode.Id, found![0].RegistrationId);
        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongCode.StatusCode);
        // The dashboard counts two people at the door: a repeated scan and a wrong code are not check-ins.
        Assert.Equal(2, metrics.Sum("community.checkins", ("service", "activities")));
        Assert.Equal(2, (await OutboxAsync("AttendanceRecorded")).Count(p => p.Contains(sessionId.ToString()) && p.Contains("true")));

        // Volunteers check in at the door too — by staff or another volunteer at the door, never by themselves (a tap
        // from home would earn the session's hours). The tutor is checked in half an hour early; the one who withdrew
        // cannot be checked in, and nobody is checked out before being checked in.
        var own = await door.PostAsync($"/sessions/{sessionId}/volunteers/{tutor1}/arrival", null);
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("Not your own check-in.", (await own.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Title);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/sessions/{sessionId}/volunteers/{tutor1}/arrival", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/sessions/{sessionId}/volunteers/{tutor1}/arrival", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await VolunteerClient(account2).PostAsync($"/sessions/{sessionId}/volunteers/{tutor2}/arrival", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsync($"/sessions/{sessionId}/volunteers/{tutor2}/arrival", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/sessions/{sessionId}/volunteers/{noShowTutor}/departure", null)).StatusCode);

        // Completing before the start is refused; after it (and before the end, when it would complete by
        // itself), absentees become no-shows.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/sessions/{sessionId}/complete", null)).StatusCode);
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        // Staff mark present the tutor the door forgot (20 minutes); naming one not on the session is refused and
        // completes nothing.
        var wrongName = await staff.PostAsJsonAsync($"/sessions/{sessionId}/complete", new { present = new[] { new { volunteerId = tutor2 } } });
        Assert.Equal(HttpStatusCode.BadRequest, wrongName.StatusCode);
        Assert.Contains("present[0].volunteerId", (await wrongName.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>())!.Errors.Keys);
        var servedUntil = fixture.Clock.GetUtcNow();
        var completed = await staff.PostAsJsonAsync($"/sessions/{sessionId}/complete", new { present = new[] { new { volunteerId = forgottenTutor, minutes = 20 } } });
        var twice = await staff.PostAsync($"/sessions/{sessionId}/complete", null);

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(new AttendanceDto(3, 2, 1, 0.667), await completed.Content.ReadFromJsonAsync<AttendanceDto>());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(new AttendanceDto(3, 2, 1, 0.667), await staff.GetFromJsonAsync<AttendanceDto>($"/series/{series.Id}/attendance"));
        var noShow = await fixture.Host.WithScope(services => services.GetRequiredService<ActivitiesDbContext>().Registrations.SingleAsync(r => r.Id == absent.Id));
        Assert.True(noShow.NoShow);

        // Only time served is credited: the tutor who checked in, from the start until staff completed the session
        // half an hour in; the forgotten one as reported; not the one who withdrew nor the one who never came.
        var completion = Assert.Single(await OutboxAsync("SessionCompleted"), p => p.Contains(sessionId.ToString()));
        var message = System.Text.Json.JsonSerializer.Deserialize<SessionCompleted>(completion, TestJson.Options)!;
        Assert.Equal(2, message.AttendedCount);
        var halfAnHourIn = (int)Math.Round((servedUntil - series.Sessions[0].StartsAt).TotalMinutes, MidpointRounding.AwayFromZero);
        Assert.InRange(halfAnHourIn, 30, 31);
        Assert.Equal([(tutor1, halfAnHourIn), (forgottenTutor, 20)],
            message.Volunteers.Select(v => (v.VolunteerId, v.Minutes)).OrderBy(v => v.Minutes == 20).ToList());
        Assert.DoesNotContain("刘奶奶", completion);
    }

    [Fact]
    public async Task Once_a_session_has_started_no_registration_is_cancelled_and_no_offer_taken_up()
    {
        var scenario = new ActivitiesScenario(fixture.Host);
        var series = await scenario.SeriesAsync(capacity: 2, firstStartsAt: LocalIn(fixture.Clock, TimeSpan.FromDays(8)), durationMinutes: 60);
        var sessionId = series.Sessions[0].Id;
        var (first, second, third) = (fixture.Host.ClientAs(Roles.Resident), fixture.Host.ClientAs(Roles.Resident), fixture.Host.ClientAs(Roles.Resident));
        var leaving = await ActivitiesScenario.RegisterAsync(first, sessionId, "周阿姨");
        var placed = await ActivitiesScenario.RegisterAsync(third, sessionId, "郑奶奶");
        var offered = await ActivitiesScenario.RegisterAsync(second, sessionId, "吴伯伯");
        Assert.Equal((RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted), (placed.Status, offered.Status));

        // A week ahead a place is given back, and offered to the one waiting for a day.
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsJsonAsync($"/registrations/{leaving.Id}/cancel", new { })).StatusCode);
        Assert.Equal(RegistrationStatus.Offered, (await second.GetFromJsonAsync<RegistrationDto>($"/registrations/{offered.Id}"))!.Status);

        // Staff move the session to an hour from now; it starts, the offer still open by its own clock.
        Assert.Equal(HttpStatusCode.OK, (await scenario.Staff.PostAsJsonAsync($"/sessions/{sessionId}/move", new { startsAt = LocalIn(fixture.Clock, TimeSpan.FromHours(1)) })).StatusCode);
        fixture.Clock.Advance(TimeSpan.FromHours(1.5));

        // Before, the offer (open for its day) was still taken up after the start, and a registration cancelled during
        // or after the session left the attendance figures.
        var lateAccept = await second.PostAsync($"/registrations/{offered.Id}/accept", null);
        var lateCancel = await third.PostAsJsonAsync($"/registrations/{placed.Id}/cancel", new { });
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (lateAccept.StatusCode, lateCancel.StatusCode));
        Assert.Equal(ActivityProblems.NoOffer, (await lateAccept.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Type);
        Assert.Equal(ActivityProblems.Closed, (await lateCancel.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Type);

        Assert.Equal(HttpStatusCode.OK, (await scenario.Staff.PostAsync($"/sessions/{sessionId}/complete", null)).StatusCode);
        var afterwards = await third.PostAsJsonAsync($"/registrations/{placed.Id}/cancel", new { });
        Assert.Equal(HttpStatusCode.Conflict, afterwards.StatusCode);
        Assert.Equal("The session is completed.", (await afterwards.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Detail);
        var noShow = await fixture.Host.WithScope(services => services.GetRequiredService<ActivitiesDbContext>().Registrations.SingleAsync(r => r.Id == placed.Id));
        Assert.Equal((RegistrationStatus.Confirmed, true), (noShow.Status, noShow.NoShow));
    }

    [Fact]
    public async Task A_check_in_racing_the_sessions_completion_waits_for_it_and_finds_it_completed()
    {
        var scenario = new ActivitiesScenario(fixture.Host);
        var series = await scenario.SeriesAsync(capacity: 5, firstStartsAt: LocalIn(fixture.Clock, TimeSpan.FromHours(1)), durationMinutes: 60);
        var sessionId = series.Sessions[0].Id;
        var place = await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), sessionId, "周奶奶");

        // Completion holds the session's row while it marks no-shows; here the test holds it and completes the session
        // the same way, while a check-in arrives at the door.
        var checkIn = await HeldRows.WhileWaitingAsync<ActivitiesDbContext, HttpResponseMessage>(fixture.Host.Services,
            $"SELECT 1 FROM sessions WHERE id = {sessionId} FOR UPDATE",
            () => scenario.Staff.PostAsJsonAsync($"/sessions/{sessionId}/check-ins", new { code = place.CheckInCode }), "%FROM \"sessions\" WHERE \"id\" = $1 FOR SHARE%",
            db => db.Database.ExecuteSqlAsync($"UPDATE sessions SET status = 'completed', completed_at = now() WHERE id = {sessionId}"));

        // Before, the check-in read "scheduled" without waiting and checked her in after completion had marked her absent.
        Assert.Equal(HttpStatusCode.Conflict, checkIn.StatusCode);
        Assert.Null(await fixture.Host.WithScope(s => s.GetRequiredService<ActivitiesDbContext>().Registrations
            .Where(r => r.Id == place.Id).Select(r => r.CheckedInAt).SingleAsync()));
    }

    [Fact]
    public async Task My_registrations_split_into_what_is_still_to_come_soonest_first_and_what_has_ended_latest_first()
    {
        var scenario = new ActivitiesScenario(fixture.Host);
        var me = scenario.AsAccount(Guid.NewGuid(), Roles.Resident);
        var soon = await scenario.SeriesAsync(firstStartsAt: LocalIn(fixture.Clock, TimeSpan.FromHours(1)), durationMinutes: 60);
        var later = await scenario.SeriesAsync(firstStartsAt: LocalIn(fixture.Clock, TimeSpan.FromDays(5)), durationMinutes: 60);
        var sooner = await scenario.SeriesAsync(firstStartsAt: LocalIn(fixture.Clock, TimeSpan.FromDays(3)), durationMinutes: 60);
        var ended = await ActivitiesScenario.RegisterAsync(me, soon.Sessions[0].Id, "陶阿姨");
        var fifth = await ActivitiesScenario.RegisterAsync(me, later.Sessions[0].Id, "陶阿姨");
        var third = await ActivitiesScenario.RegisterAsync(me, sooner.Sessions[0].Id, "陶阿姨");

        // The first class is over; it is what happened now, not what she goes to.
        fixture.Clock.Advance(TimeSpan.FromHours(2.5));
        var upcoming = (await me.GetFromJsonAsync<Page<RegistrationDto>>("/registrations/mine?when=upcoming"))!;
        var past = (await me.GetFromJsonAsync<Page<RegistrationDto>>("/registrations/mine?when=past"))!;
        var all = (await me.GetFromJsonAsync<Page<RegistrationDto>>("/registrations/mine"))!;
        var nonsense = await me.GetAsync("/registrations/mine?when=tomorrow");

        Assert.Equal([third.Id, fifth.Id], upcoming.Items.Select(r => r.Id));
        Assert.Equal(2, upcoming.Total);
        Assert.Equal([ended.Id], past.Items.Select(r => r.Id));
        Assert.Equal(3, all.Total);
        Assert.Equal(HttpStatusCode.BadRequest, nonsense.StatusCode);
        Assert.Contains("when", (await nonsense.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>())!.Errors.Keys);
    }

    [Fact]
    public async Task A_session_past_its_end_completes_by_itself()
    {
        var scenario = new ActivitiesScenario(fixture.Host);
        var series = await scenario.SeriesAsync(firstStartsAt: LocalIn(fixture.Clock, TimeSpan.FromHours(1)), durationMinutes: 30);
        var sessionId = series.Sessions[0].Id;

        // Its end plus the grace staff have to mark volunteers present, then the job's next pass.
        fixture.Clock.Advance(TimeSpan.FromHours(1.5) + AutomaticCompletion.Grace);
        fixture.Clock.Advance(AutomaticCompletion.Every);

        await Eventually.True(async () =>
            (await scenario.Staff.GetFromJsonAsync<SessionDto>($"/sessions/{sessionId}"))!.Status == SessionStatus.Completed,
            TimeSpan.FromSeconds(30), "the session to complete after its end");
    }

    [Fact]
    public async Task Only_staff_request_volunteers_and_residents_cannot_check_people_in()
    {
        var scenario = new ActivitiesScenario(fixture.Host);
        var series = await scenario.SeriesAsync(firstStartsAt: LocalIn(fixture.Clock, TimeSpan.FromDays(3)));
        var resident = fixture.Host.ClientAs(Roles.Resident);

        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsJsonAsync($"/sessions/{series.Sessions[0].Id}/volunteer-roles", new { role = "x", needed = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsJsonAsync($"/sessions/{series.Sessions[0].Id}/check-ins", new { code = "ABCDEF" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await scenario.Staff.PostAsJsonAsync($"/sessions/{series.Sessions[0].Id}/volunteer-roles", new { role = "", needed = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Staff.GetAsync($"/sessions/{Guid.NewGuid()}/staffing")).StatusCode);
    }

    [Fact]
    public async Task Attendees_rate_a_session_once_and_averages_show_per_session_and_series()
    {
        var scenario = new ActivitiesScenario(fixture.Host);
        var series = await scenario.SeriesAsync(firstStartsAt: LocalIn(fixture.Clock, TimeSpan.FromHours(1)));
        var sessionId = series.Sessions[0].Id;
        var (ann, ben, cat) = (fixture.Host.ClientAs(Roles.Resident), fixture.Host.ClientAs(Roles.Resident), fixture.Host.ClientAs(Roles.Resident));
        var annRegistration = await ActivitiesScenario.RegisterAsync(ann, sessionId, "Ann");
        var benRegistration = await ActivitiesScenario.RegisterAsync(ben, sessionId, "Ben");
        var catRegistration = await ActivitiesScenario.RegisterAsync(cat, sessionId, "Cat");
        foreach (var registration in new[] { annRegistration, benRegistration })
        {
            await scenario.Staff.PostAsJsonAsync($"/sessions/{sessionId}/check-ins", new { code = registration.CheckInCode });
        }

        var first = await ann.PostAsJsonAsync($"/sessions/{sessionId}/feedback", new { registrationId = annRegistration.Id, rating = 5, comment = "老师很耐心" });
        var second = await ben.PostAsJsonAsync($"/sessions/{sessionId}/feedback", new { registrationId = benRegistration.Id, rating = 4 });
        var twice = await ann.PostAsJsonAsync($"/sessions/{sessionId}/feedback", new { registrationId = annRegistration.Id, rating = 1 });
        var absent = await cat.PostAsJsonAsync($"/sessions/{sessionId}/feedback", new { registrationId = catRegistration.Id, rating = 1 });
        var forSomeoneElse = await cat.PostAsJsonAsync($"/sessions/{sessionId}/feedback", new { registrationId = annRegistration.Id, rating = 1 });
        var outOfRange = await ann.PostAsJsonAsync($"/sessions/{sessionId}/feedback", new { registrationId = annRegistration.Id, rating = 6 });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, absent.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forSomeoneElse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        var asResident = await ann.GetFromJsonAsync<Feedback.FeedbackSummaryDto>($"/sessions/{sessionId}/feedback");
        var asStaff = await scenario.Staff.GetFromJsonAsync<Feedback.FeedbackSummaryDto>($"/sessions/{sessionId}/feedback");
        var forSeries = await ann.GetFromJsonAsync<Feedback.FeedbackSummaryDto>($"/series/{series.Id}/feedback");
        Assert.Equal((2, 4.5), (asResident!.Count, asResident.AverageRating));
        Assert.Null(asResident.Comments);
        Assert.Equal(["老师很耐心"], asStaff!.Comments);
        Assert.Equal(4.5, forSeries!.AverageRating);
    }

    private Task<List<string>> OutboxAsync(string contract) => fixture.Host.WithScope(services =>
        services.GetRequiredService<ActivitiesDbContext>().OutboxMessages
            .Where(m => m.MessageType.StartsWith($"Community.Contracts.{contract},"))
            .Select(m => m.Payload).ToListAsync());
}
