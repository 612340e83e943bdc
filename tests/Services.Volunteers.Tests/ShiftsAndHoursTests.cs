using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Contracts;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Hours;
using Community.Services.Volunteers.Opportunities;
using Community.Services.Volunteers.Registry;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Volunteers.Tests;

public sealed class ShiftsAndHoursTests(ServiceFixture<VolunteersDbContext> fixture) : IClassFixture<ServiceFixture<VolunteersDbContext>>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private IBus Bus => fixture.Host.Services.GetRequiredService<IBus>();

    private HttpClient Staff => fixture.Host.ClientAs(Roles.StationStaff);

    private readonly VolunteersScenario _scenario = new(fixture.Host);

    /// <summary>Signed in with the account linked to the volunteer's record.</summary>
    private HttpClient AsVolunteer(Guid id) => _scenario.As(id);

    private Task<Guid> RegisterVolunteerAsync(string name = "志愿者") => _scenario.AdultAsync(name, "resident-volunteer", ["smartphone-tutoring"]);

    /// <summary>Activities asks for volunteers; returns the shift the Volunteers service made of it.</summary>
    private async Task<(Guid RequestId, ShiftDto Shift)> RequestAsync(int needed, DateTimeOffset startsAt, TimeSpan? length = null, Guid? sessionId = null)
    {
        var requestId = Guid.NewGuid();
        await Bus.Publish(new VolunteersRequested(requestId, "activities", sessionId ?? Guid.NewGuid(), "智能手机辅导员", "smartphone-tutoring", needed,
            startsAt, startsAt + (length ?? TimeSpan.FromHours(1)), Guid.NewGuid()));
        var shift = await Eventually.Get(async () =>
        {
            var page = await Staff.GetFromJsonAsync<Page<OpportunityDto>>("/opportunities?pageSize=100");
            return page!.Items.FirstOrDefault(o => o.RequestId == requestId)?.Shifts.Single();
        }, Patience, "the opportunity from VolunteersRequested");
        return (requestId, shift);
    }

    [Fact]
    public async Task Fifty_racing_sign_ups_for_a_shift_of_twenty_assign_exactly_twenty()
    {
        var (requestId, shift) = await RequestAsync(20, DateTimeOffset.UtcNow.AddDays(10));
        Assert.Equal((20, 20, 0), (shift.MinVolunteers, shift.MaxVolunteers, shift.Assigned));
        var volunteers = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            volunteers.Add(await RegisterVolunteerAsync($"志愿者{i}"));
        }

        var responses = await Task.WhenAll(volunteers.Select(v => AsVolunteer(v).PostAsJsonAsync($"/shifts/{shift.Id}/signups", new { volunteerId = v })));

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(30, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var (assigned, events) = await fixture.Host.WithScope(async services =>
        {
            var db = services.GetRequiredService<VolunteersDbContext>();
            return (await db.Shifts.Where(s => s.Id == shift.Id).Select(s => s.Assigned).SingleAsync(),
                (await db.OutboxMessages.Where(m => m.MessageType.StartsWith("Community.Contracts.VolunteerAssigned,")).Select(m => m.Payload).ToListAsync())
                    .Count(p => p.Contains(requestId.ToString())));
        });
        Assert.Equal(20, assigned);
        Assert.Equal(20, events);
    }

    [Fact]
    public async Task A_volunteer_cannot_take_two_overlapping_shifts_nor_sign_up_someone_else()
    {
        var start = DateTimeOffset.UtcNow.AddDays(20);
        var (_, morning) = await RequestAsync(5, start, TimeSpan.FromHours(2));
        var (_, overlapping) = await RequestAsync(5, start.AddHours(1));
        var (_, later) = await RequestAsync(5, start.AddHours(3));
        var me = await RegisterVolunteerAsync("周老师");
        var someoneElse = await RegisterVolunteerAsync("吴老师");
        var client = AsVolunteer(me);

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/shifts/{morning.Id}/signups", new { volunteerId = me })).StatusCode);
        var clash = await client.PostAsJsonAsync($"/shifts/{overlapping.Id}/signups", new { volunteerId = me });
        var twice = await client.PostAsJsonAsync($"/shifts/{morning.Id}/signups", new { volunteerId = me });
        var forOther = await client.PostAsJsonAsync($"/shifts/{later.Id}/signups", new { volunteerId = someoneElse });

        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal(ShiftProblems.Overlap, (await clash.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forOther.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/shifts/{later.Id}/signups", new { volunteerId = me })).StatusCode);
        // Nothing half-written: the refused sign-ups left the shifts' counts alone.
        var page = await Staff.GetFromJsonAsync<Page<OpportunityDto>>("/opportunities?pageSize=100");
        Assert.Equal(0, page!.Items.SelectMany(o => o.Shifts).Single(s => s.Id == overlapping.Id).Assigned);
    }

    [Fact]
    public async Task Withdrawing_frees_the_place_and_tells_the_requesting_service()
    {
        var (requestId, shift) = await RequestAsync(1, DateTimeOffset.UtcNow.AddDays(30));
        var first = await RegisterVolunteerAsync();
        var second = await RegisterVolunteerAsync();
        var assignment = await (await AsVolunteer(first).PostAsJsonAsync($"/shifts/{shift.Id}/signups", new { volunteerId = first }))
            .Content.ReadFromJsonAsync<AssignmentDto>();
        Assert.Equal(HttpStatusCode.Conflict, (await AsVolunteer(second).PostAsJsonAsync($"/shifts/{shift.Id}/signups", new { volunteerId = second })).StatusCode);

        var withdrawn = await AsVolunteer(first).PostAsync($"/assignments/{assignment!.Id}/withdraw", null);
        var retaken = await AsVolunteer(second).PostAsJsonAsync($"/shifts/{shift.Id}/signups", new { volunteerId = second });

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retaken.StatusCode);
        var told = await fixture.Host.WithScope(async services => (await services.GetRequiredService<VolunteersDbContext>().OutboxMessages
            .Where(m => m.MessageType.StartsWith("Community.Contracts.VolunteerWithdrawn,")).Select(m => m.Payload).ToListAsync())
            .Count(p => p.Contains(requestId.ToString())));
        Assert.Equal(1, told);
    }

    [Fact]
    public async Task Hours_from_a_completed_session_are_credited_exactly_once_however_often_it_arrives()
    {
        var tutor = await RegisterVolunteerAsync("在职党员 何老师");
        var sessionId = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        var completed = new SessionCompleted(sessionId, Guid.NewGuid(), "class", DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddHours(-1),
            12, [new VolunteerServed(tutor, Guid.NewGuid(), 90), new VolunteerServed(Guid.NewGuid(), Guid.NewGuid(), 90)], DateTimeOffset.UtcNow);

        var counter = new ConsumeCounter();
        using var observer = new Disconnecting(Bus.ConnectConsumeObserver(counter));
        using var metrics = new MetricReader(fixture.Host.Services);
        var republishedId = Guid.NewGuid();

        await Bus.Publish(completed, context => context.MessageId = messageId);
        await Bus.Publish(completed, context => context.MessageId = messageId); // redelivered
        await Bus.Publish(completed, context => context.MessageId = republishedId); // re-published under a new id
        await Eventually.True(() => Task.FromResult(counter.Consumed(messageId) == 2 && counter.Consumed(republishedId) == 1),
            Patience, "all three copies to be consumed");

        var after = await AsVolunteer(tutor).GetFromJsonAsync<HoursTotalDto>($"/volunteers/{tutor}/hours");
        Assert.Equal((90, 1.5, 1), (after!.ConfirmedMinutes, after.ConfirmedHours, after.Credits));
        var credited = await fixture.Host.WithScope(async services => (await services.GetRequiredService<VolunteersDbContext>().OutboxMessages
            .Where(m => m.MessageType.StartsWith("Community.Contracts.ServiceHoursCredited,")).Select(m => m.Payload).ToListAsync())
            .Count(p => p.Contains(tutor.ToString())));
        Assert.Equal(1, credited);
        // Its history row, and the dashboard's hours counted once.
        var history = await fixture.Host.WithScope(async s => await s.GetRequiredService<VolunteersDbContext>().HoursChanges
            .Join(s.GetRequiredService<VolunteersDbContext>().ServiceHours.Where(x => x.SourceId == sessionId && x.VolunteerId == tutor), h => h.HoursId, x => x.Id, (h, _) => h)
            .ToListAsync());
        var change = Assert.Single(history);
        Assert.Equal((HoursLedger.System, (string?)null, HourStatuses.Confirmed, 90, "session completed"), (change.By, change.FromStatus, change.ToStatus, change.Minutes, change.Reason));
        Assert.Equal(1.5, metrics.Sum("community.volunteer.hours.credited", ("source", HourSources.Session)));
        Assert.Equal(HttpStatusCode.Forbidden, (await AsVolunteer(Guid.NewGuid()).GetAsync($"/volunteers/{tutor}/hours")).StatusCode);
    }

    [Fact]
    public async Task A_completion_that_cannot_be_applied_does_not_hold_back_the_others_that_arrive_with_it()
    {
        var tutors = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            tutors.Add(await RegisterVolunteerAsync($"在职党员 {i}号"));
        }

        SessionCompleted Completed(Guid tutor) => new(Guid.NewGuid(), Guid.NewGuid(), "class", DateTimeOffset.UtcNow.AddHours(-2),
            DateTimeOffset.UtcNow.AddHours(-1), 12, [new VolunteerServed(tutor, Guid.NewGuid(), 60)], DateTimeOffset.UtcNow);
        // Sent together, so they are likely to be taken in one batch; the broken one (no list of volunteers) fails it.
        var broken = Completed(tutors[0]) with { Volunteers = null! };
        await Task.WhenAll(Bus.Publish(Completed(tutors[0])), Bus.Publish(broken), Bus.Publish(Completed(tutors[1])), Bus.Publish(Completed(tutors[2])));

        foreach (var tutor in tutors)
        {
            await Eventually.True(async () => (await AsVolunteer(tutor).GetFromJsonAsync<HoursTotalDto>($"/volunteers/{tutor}/hours"))!.Credits == 1,
                Patience, $"tutor {tutor} credited once");
        }
    }

    [Fact]
    public async Task A_cancelled_session_cancels_its_shifts_and_tells_the_volunteers_on_them()
    {
        var sessionId = Guid.NewGuid();
        var (requestId, shift) = await RequestAsync(3, DateTimeOffset.UtcNow.AddDays(40), sessionId: sessionId);
        var volunteer = await RegisterVolunteerAsync();
        await AsVolunteer(volunteer).PostAsJsonAsync($"/shifts/{shift.Id}/signups", new { volunteerId = volunteer });

        await Bus.Publish(new SessionCancelled(sessionId, Guid.NewGuid(), null, 5, DateTimeOffset.UtcNow));

        var cancelled = await Eventually.Get(async () =>
        {
            var rows = await fixture.Host.WithScope(async services => (await services.GetRequiredService<VolunteersDbContext>().OutboxMessages
                .Where(m => m.MessageType.StartsWith("Community.Contracts.ShiftCancelled,")).Select(m => m.Payload).ToListAsync()));
            return rows.FirstOrDefault(p => p.Contains(requestId.ToString()));
        }, Patience, "ShiftCancelled for the session's shift");
        Assert.Contains(volunteer.ToString(), cancelled);
        var closed = await AsVolunteer(volunteer).PostAsJsonAsync($"/shifts/{shift.Id}/signups", new { volunteerId = volunteer });
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
    }

    [Fact]
    public async Task A_sign_up_committed_just_before_its_session_is_cancelled_is_withdrawn_with_the_shift()
    {
        var sessionId = Guid.NewGuid();
        var (_, shift) = await RequestAsync(3, DateTimeOffset.UtcNow.AddDays(40), sessionId: sessionId);
        var volunteer = await RegisterVolunteerAsync("赶在取消前");

        // While the test holds the shift, the sign-up and then the cancellation wait on it; released, the sign-up
        // commits first. The cancellation must see it: without its lock on the session's shifts it had read the shift
        // before, and left the volunteer on a cancelled shift, counted, and never told.
        Task<HttpResponseMessage> signUp;
        await using (var scope = fixture.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VolunteersDbContext>();
            await using var holding = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM shifts WHERE id = {shift.Id} FOR UPDATE");
            signUp = AsVolunteer(volunteer).PostAsJsonAsync($"/shifts/{shift.Id}/signups", new { volunteerId = volunteer });
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await Bus.Publish(new SessionCancelled(sessionId, Guid.NewGuid(), null, 5, DateTimeOffset.UtcNow));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await holding.CommitAsync();
        }

        Assert.Equal(HttpStatusCode.Created, (await signUp).StatusCode);
        var cancelled = await Eventually.Get(() => fixture.Host.WithScope(s => s.GetRequiredService<VolunteersDbContext>().Shifts.AsNoTracking()
            .FirstOrDefaultAsync(x => x.Id == shift.Id && x.Status == ShiftStatuses.Cancelled)), Patience, "the shift cancelled");
        var onIt = await fixture.Host.WithScope(s => s.GetRequiredService<VolunteersDbContext>().Assignments
            .CountAsync(a => a.ShiftId == shift.Id && a.WithdrawnAt == null));
        Assert.Equal((0, 0), (onIt, cancelled!.Assigned));
    }

    [Fact]
    public async Task A_moved_session_moves_its_shift_and_takes_off_a_volunteer_busy_at_the_new_time()
    {
        var sessionId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddDays(50);
        var (requestId, shift) = await RequestAsync(3, start, sessionId: sessionId);
        var (_, elsewhere) = await RequestAsync(3, start.AddDays(1));
        var free = await RegisterVolunteerAsync("有空");
        var busy = await RegisterVolunteerAsync("有事");
        foreach (var v in new[] { free, busy })
        {
            Assert.Equal(HttpStatusCode.Created, (await AsVolunteer(v).PostAsJsonAsync($"/shifts/{shift.Id}/signups", new { volunteerId = v })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await AsVolunteer(busy).PostAsJsonAsync($"/shifts/{elsewhere.Id}/signups", new { volunteerId = busy })).StatusCode);

        await Bus.Publish(new SessionMoved(sessionId, Guid.NewGuid(), start, start.AddDays(1), start.AddDays(1).AddHours(1), DateTimeOffset.UtcNow));

        var moved = await Eventually.Get(() => fixture.Host.WithScope(async services =>
            await services.GetRequiredService<VolunteersDbContext>().Shifts.AsNoTracking().FirstAsync(s => s.Id == shift.Id) is var s && s.StartsAt > start ? s : null),
            Patience, "the shift at the session's new time");
        Assert.Equal((start.AddDays(1), 1), (moved.StartsAt, moved.Assigned));
        var (freeRow, busyRow, withdrawnEvent) = await fixture.Host.WithScope(async services =>
        {
            var db = services.GetRequiredService<VolunteersDbContext>();
            var rows = await db.Assignments.AsNoTracking().Where(a => a.ShiftId == shift.Id).ToListAsync();
            var events = await db.OutboxMessages.Where(m => m.MessageType.StartsWith("Community.Contracts.VolunteerWithdrawn,")).Select(m => m.Payload).ToListAsync();
            return (rows.Single(a => a.VolunteerId == free), rows.Single(a => a.VolunteerId == busy),
                events.Any(p => p.Contains(busy.ToString()) && p.Contains(requestId.ToString())));
        });
        Assert.Equal((start.AddDays(1), (DateTimeOffset?)null), (freeRow.StartsAt, freeRow.WithdrawnAt));
        Assert.NotNull(busyRow.WithdrawnAt);
        Assert.True(withdrawnEvent);
    }

    /// <summary>Publishes <paramref name="message"/> and waits until <typeparamref name="TConsumer"/> has applied it (its inbox row).</summary>
    private async Task PublishAppliedAsync<T, TConsumer>(T message) where T : class
    {
        var id = NewId.NextGuid();
        await Bus.Publish(message, context => context.MessageId = id);
        await Eventually.True(() => fixture.Host.WithScope(async services =>
            await services.GetRequiredService<VolunteersDbContext>().InboxMessages.AnyAsync(m => m.MessageId == id && m.Consumer == typeof(TConsumer).Name)),
            Patience, $"{typeof(TConsumer).Name} to apply the message");
    }

    [Fact]
    public async Task Moves_apply_in_the_order_Activities_made_them_and_a_move_or_cancellation_arriving_before_the_request_is_not_lost()
    {
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddDays(60);
        var series = Guid.NewGuid();

        // Two quick moves arrive reversed: the later one stands.
        var twice = Guid.NewGuid();
        var (_, shift) = await RequestAsync(2, start, sessionId: twice);
        await PublishAppliedAsync<SessionMoved, SessionMovedConsumer>(new SessionMoved(twice, series, start.AddDays(1), start.AddDays(2), start.AddDays(2).AddHours(1), now.AddSeconds(2)));
        await PublishAppliedAsync<SessionMoved, SessionMovedConsumer>(new SessionMoved(twice, series, start, start.AddDays(1), start.AddDays(1).AddHours(1), now.AddSeconds(1)));
        var after = await fixture.Host.WithScope(async services => await services.GetRequiredService<VolunteersDbContext>().Shifts.AsNoTracking().FirstAsync(s => s.Id == shift.Id));
        Assert.Equal(start.AddDays(2), after.StartsAt);

        // A move that arrives before the request for volunteers: the shift is made at the session's new time.
        var movedFirst = Guid.NewGuid();
        await PublishAppliedAsync<SessionMoved, SessionMovedConsumer>(new SessionMoved(movedFirst, series, start, start.AddDays(3), start.AddDays(3).AddHours(2), now));
        var (_, early) = await RequestAsync(2, start, sessionId: movedFirst);
        Assert.Equal((start.AddDays(3), start.AddDays(3).AddHours(2), ShiftStatuses.Open), (early.StartsAt, early.EndsAt, early.Status));

        // A cancellation that arrives before it: the shift is made cancelled, nobody can sign up for it.
        var cancelledFirst = Guid.NewGuid();
        await PublishAppliedAsync<SessionCancelled, SessionCancelledConsumer>(new SessionCancelled(cancelledFirst, series, null, 0, now));
        var request = Guid.NewGuid();
        await PublishAppliedAsync<VolunteersRequested, VolunteersRequestedConsumer>(new VolunteersRequested(request, "activities", cancelledFirst, "智能手机辅导员",
            "smartphone-tutoring", 2, start, start.AddHours(1), Guid.NewGuid(), now.AddSeconds(-30)));
        var gone = await fixture.Host.WithScope(async services =>
        {
            var db = services.GetRequiredService<VolunteersDbContext>();
            return await db.Shifts.AsNoTracking().Where(s => db.Opportunities.Any(o => o.Id == s.OpportunityId && o.RequestId == request)).SingleAsync();
        });
        Assert.Equal(ShiftStatuses.Cancelled, gone.Status);
        Assert.DoesNotContain((await Staff.GetFromJsonAsync<Page<OpportunityDto>>("/opportunities?pageSize=100"))!.Items, o => o.RequestId == request);
        var volunteer = await RegisterVolunteerAsync("来晚了");
        Assert.Equal(HttpStatusCode.Conflict, (await AsVolunteer(volunteer).PostAsJsonAsync($"/shifts/{gone.Id}/signups", new { volunteerId = volunteer })).StatusCode);
    }

    [Fact]
    public async Task A_residents_request_for_help_from_grid_becomes_an_opportunity_at_their_building_once()
    {
        var help = new VolunteerHelpRequested(Guid.NewGuid(), Guid.NewGuid(), "elderly-care", "elderly-companionship", 2,
            DateTimeOffset.UtcNow.AddDays(3), DateTimeOffset.UtcNow.AddDays(3).AddHours(3), Guid.NewGuid(), DateTimeOffset.UtcNow);
        await Bus.Publish(help);
        await Bus.Publish(help);

        var opportunity = await Eventually.Get(async () =>
        {
            var page = await Staff.GetFromJsonAsync<Page<OpportunityDto>>("/opportunities?pageSize=100");
            return page!.Items.FirstOrDefault(o => o.RequestId == help.HelpRequestId);
        }, Patience, "the opportunity from VolunteerHelpRequested");
        Assert.Equal(("grid", "elderly-companionship", 2, help.BuildingId), (opportunity.Source, opportunity.Skill, opportunity.Shifts.Single().MaxVolunteers, opportunity.Shifts.Single().BuildingId!.Value));
        await Task.Delay(500);
        var count = await fixture.Host.WithScope(async s => await s.GetRequiredService<VolunteersDbContext>().Opportunities.CountAsync(o => o.RequestId == help.HelpRequestId));
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Shifts_under_their_minimum_raise_an_alert_72_and_24_hours_before_once_each()
    {
        var (inTwoDays, twoDays) = await RequestAsync(3, DateTimeOffset.UtcNow.AddHours(48));
        var (inHalfADay, _) = await RequestAsync(2, DateTimeOffset.UtcNow.AddHours(12));
        var (staffed, staffedShift) = await RequestAsync(1, DateTimeOffset.UtcNow.AddHours(30));
        var (farAway, _) = await RequestAsync(2, DateTimeOffset.UtcNow.AddDays(9));
        var volunteer = await RegisterVolunteerAsync();
        await AsVolunteer(volunteer).PostAsJsonAsync($"/shifts/{staffedShift.Id}/signups", new { volunteerId = volunteer });
        var watch = fixture.Host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<UnderstaffingWatch>().Single();

        await watch.RaiseDueAlertsAsync(CancellationToken.None);
        await watch.RaiseDueAlertsAsync(CancellationToken.None); // a second pass raises nothing again

        var alerts = await fixture.Host.WithScope(async services => (await services.GetRequiredService<VolunteersDbContext>().OutboxMessages
            .Where(m => m.MessageType.StartsWith("Community.Contracts.ShiftUnderstaffed,")).Select(m => m.Payload).ToListAsync()));
        int For(Guid requestId, int hours) => alerts.Count(p => p.Contains(requestId.ToString()) && p.Contains($"\"hoursBefore\": {hours}"));
        Assert.Equal((1, 0), (For(inTwoDays, 72), For(inTwoDays, 24)));
        Assert.Equal((1, 1), (For(inHalfADay, 72), For(inHalfADay, 24)));
        Assert.Equal((0, 0), (For(staffed, 72), For(farAway, 72)));
        Assert.Equal(3, twoDays.MinVolunteers);
    }

    private sealed class Disconnecting(ConnectHandle handle) : IDisposable
    {
        public void Dispose() => handle.Disconnect();
    }
}
