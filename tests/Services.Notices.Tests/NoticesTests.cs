using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Contracts;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.Services.Notices.Activities;
using Community.Services.Notices.CallList;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Inbox;
using Community.Testing;
using MassTransit;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Community.Services.Notices.Tests;

/// <summary>The service at ten in the morning in Shanghai: nothing is held by quiet hours.</summary>
public sealed class DaytimeFixture : ServiceFixture<NoticesDbContext>
{
    public FakeTimeProvider Clock { get; } = new(Neighbourhood.StartOf(Neighbourhood.Today(DateTimeOffset.UtcNow).AddDays(1)).AddHours(10));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // The tests run the jobs themselves, at the moments they choose.
        ["Notices:ReminderCheckInterval"] = "20.00:00:00",
        ["Notices:RetentionCheckInterval"] = "20.00:00:00",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public sealed class NoticesTests(DaytimeFixture fixture) : IClassFixture<DaytimeFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly NoticesScenario _scenario = new(fixture.Host);

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public async Task A_resident_who_moved_out_is_no_longer_reached_through_the_grid_team_of_the_building_they_left()
    {
        var building = Guid.NewGuid();
        var resident = await _scenario.ResidentAsync(building, account: null, name: "搬走的钱阿婆");

        await _scenario.Bus.Publish(new ResidentRecorded(resident, Guid.NewGuid(), "搬走的钱阿婆", 1942, null, null, DateTimeOffset.UtcNow, building, MovedOutAt: DateTimeOffset.UtcNow));

        await Eventually.True(() => fixture.Host.WithScope(services =>
            services.GetRequiredService<NoticesDbContext>().KnownResidents.AnyAsync(r => r.ResidentId == resident && r.BuildingId == null)),
            Patience, "the copy to forget the building she left");
    }

    [Fact]
    public async Task An_offer_to_an_elder_without_an_account_goes_on_her_grid_workers_call_list_and_only_her_grid_may_mark_it_told()
    {
        var (_, building, worker) = await _scenario.GridAsync();
        var (_, _, otherWorker) = await _scenario.GridAsync();
        var elder = await _scenario.ResidentAsync(building, account: null);
        var session = await _scenario.SessionAsync(Now.AddDays(3));
        var registration = Guid.NewGuid();

        await _scenario.Bus.Publish(new WaitlistOfferMade(registration, session, Now.AddHours(2), elder, worker));

        var workerClient = _scenario.As(worker, Roles.GridWorker);
        var entry = await Eventually.Get(async () =>
        {
            var page = await workerClient.GetFromJsonAsync<JsonElement>("/call-list");
            return page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("residentId").GetGuid() == elder).Select(e => (JsonElement?)e).FirstOrDefault();
        }, Patience, "the offer on the grid worker's call list");
        var other = _scenario.As(otherWorker, Roles.GridWorker);
        var othersList = await other.GetFromJsonAsync<JsonElement>("/call-list");
        var othersTry = await other.PostAsJsonAsync($"/call-list/{entry!.Value.GetProperty("id").GetGuid()}/told", new { how = "phone" });
        var othersUnreachable = await other.PostAsJsonAsync($"/call-list/{entry.Value.GetProperty("id").GetGuid()}/unreachable", new { });
        var residentTry = await _scenario.As(Guid.NewGuid()).PostAsJsonAsync($"/call-list/{entry.Value.GetProperty("id").GetGuid()}/told", new { how = "phone" });
        var noWay = await workerClient.PostAsJsonAsync($"/call-list/{entry.Value.GetProperty("id").GetGuid()}/told", new { how = "pigeon" });
        var nulNote = await workerClient.PostAsJsonAsync($"/call-list/{entry.Value.GetProperty("id").GetGuid()}/unreachable", new { note = "打不通\u0000" });
        var longNote = await workerClient.PostAsJsonAsync($"/call-list/{entry.Value.GetProperty("id").GetGuid()}/unreachable", new { note = new string('话', 501) });
        var nowhere = await workerClient.PostAsJsonAsync($"/call-list/{Guid.NewGuid()}/told", new { how = "phone" });
        var told = await workerClient.PostAsJsonAsync($"/call-list/{entry.Value.GetProperty("id").GetGuid()}/told", new { how = "in-person", note = "她说要去" });
        var again = await workerClient.PostAsJsonAsync($"/call-list/{entry.Value.GetProperty("id").GetGuid()}/unreachable", new { });

        Assert.Equal("王阿婆", entry.Value.GetProperty("residentName").GetString());
        Assert.Equal(NoticeKinds.OfferMade, entry.Value.GetProperty("kind").GetString());
        Assert.Equal(registration, entry.Value.GetProperty("registrationId").GetGuid());
        Assert.Contains("太极拳", entry.Value.GetProperty("body").GetString());
        Assert.DoesNotContain(othersList.GetProperty("items").EnumerateArray(), e => e.GetProperty("residentId").GetGuid() == elder);
        Assert.Equal(HttpStatusCode.Forbidden, othersTry.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, othersUnreachable.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, residentTry.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noWay.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nulNote.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, longNote.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, told.StatusCode);
        var handled = await told.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("told", handled.GetProperty("status").GetString());
        Assert.Equal("in-person", handled.GetProperty("howTold").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // Activities hears both, by event: the offer was held open for the call and is released now.
        var outbox = await fixture.Host.WithScope(services => services.GetRequiredService<NoticesDbContext>().OutboxMessages.AsNoTracking()
            .Select(m => new { m.MessageType, m.Payload }).ToListAsync());
        var announced = outbox.Where(m => m.Payload.Contains(registration.ToString())).Select(m => m.MessageType).ToList();
        Assert.Contains(announced, type => type.Contains(nameof(CallListEntryOpened)));
        Assert.Contains(announced, type => type.Contains(nameof(CallListEntryHandled)));
        // The grid worker who registered her is told in the app as well; she has no inbox.
        Assert.Single(await _scenario.NoticesForAsync(worker), n => n.Kind == NoticeKinds.OfferMade);
    }

    [Fact]
    public async Task A_resident_with_the_app_gets_the_offer_in_her_inbox_and_live_and_nobody_else_may_mark_it_read()
    {
        var (_, building, _) = await _scenario.GridAsync();
        var account = Guid.NewGuid();
        var resident = await _scenario.ResidentAsync(building, account, "李阿姨");
        var session = await _scenario.SessionAsync(Now.AddDays(2));
        var received = new TaskCompletionSource<LiveNoticeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var live = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Host.Server.BaseAddress, "hubs/notices"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => fixture.Host.Server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult<string?>(_scenario.TokenFor(account));
            })
            .Build();
        live.On<LiveNoticeMessage>("notice", notice => received.TrySetResult(notice));
        await live.StartAsync();

        await _scenario.Bus.Publish(new WaitlistOfferMade(Guid.NewGuid(), session, Now.AddHours(3), resident, account));

        var pushed = await received.Task.WaitAsync(Patience);
        var me = _scenario.As(account);
        var inbox = await me.GetFromJsonAsync<InboxPage>("/notices/mine");
        var notice = Assert.Single(inbox!.Items);
        var stranger = await _scenario.As(Guid.NewGuid()).PostAsync($"/notices/{notice.Id}/read", null);
        var nowhere = await me.PostAsync($"/notices/{Guid.NewGuid()}/read", null);
        var read = await me.PostAsync($"/notices/{notice.Id}/read", null);
        var after = await me.GetFromJsonAsync<InboxPage>("/notices/mine");

        Assert.Equal(NoticeKinds.OfferMade, pushed.Kind);
        Assert.Equal(notice.Id, pushed.Id);
        Assert.True(notice.Urgent);
        Assert.False(notice.Read);
        Assert.Equal(1, inbox.Unread);
        Assert.DoesNotContain("李阿姨", notice.Body);
        Assert.Contains(NoticeTexts.When(Now.AddHours(3)), notice.Body);
        Assert.Empty(await _scenario.CallListForAsync(resident));
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        Assert.Equal(0, after!.Unread);
        Assert.True(Assert.Single(after.Items).Read);
    }

    [Fact]
    public async Task A_live_connection_ends_when_its_token_expires_so_a_role_taken_away_stops_reaching_it()
    {
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var token = DevTokens.Mint(ServiceHost<NoticesDbContext>.SigningKey, [Roles.StationStaff], subject: Guid.NewGuid().ToString(), lifetime: TimeSpan.FromSeconds(3));
        await using var live = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Host.Server.BaseAddress, "hubs/notices"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => fixture.Host.Server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        live.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        await live.StartAsync();

        await closed.Task.WaitAsync(Patience);
        Assert.Equal(HubConnectionState.Disconnected, live.State);
    }

    [Fact]
    public async Task A_wheelchair_held_for_an_elder_without_a_smartphone_goes_on_her_grid_workers_call_list_with_its_deadline_and_so_does_its_lapse()
    {
        var (_, building, worker) = await _scenario.GridAsync();
        var elder = await _scenario.ResidentAsync(building, account: null, "吴阿婆");
        var (wait, chair, until) = (Guid.NewGuid(), Guid.NewGuid(), Now.AddDays(3));
        await _scenario.Bus.Publish(new EquipmentHeld(wait, elder, "wheelchair", chair, Now, until));

        var entry = await Eventually.Get(async () => (await _scenario.CallListForAsync(elder)).SingleOrDefault(), TimeSpan.FromSeconds(30), "the call list entry");
        Assert.Equal("equipment-held", entry.Kind);
        Assert.Contains("轮椅车", entry.Body);
        Assert.Contains(NoticeTexts.When(until), entry.Body);
        Assert.Equal(until, entry.DueAt!.Value, TimeSpan.FromMilliseconds(1));
        var listed = await _scenario.As(worker, Roles.GridWorker).GetFromJsonAsync<JsonElement>("/call-list");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), e => e.GetProperty("residentId").GetGuid() == elder);

        // Nobody came for it: she is told (by her grid team) that it went to the next person and how to queue again.
        await _scenario.Bus.Publish(new EquipmentHoldLapsed(wait, elder, "wheelchair", chair, until));
        var lapsed = await Eventually.Get(async () => (await _scenario.CallListForAsync(elder)).SingleOrDefault(e => e.Kind == "equipment-hold-lapsed"),
            TimeSpan.FromSeconds(30), "the lapse's call list entry");
        Assert.Contains("轮椅车", lapsed.Body);
        Assert.Contains("重新排队", lapsed.Body);
        // The hold's own entry is moot now: it no longer waits on the list, nor shows as overdue.
        Assert.Equal(CallListStatus.Overtaken, (await _scenario.CallListForAsync(elder)).Single(e => e.Kind == "equipment-held").Status);
    }

    [Fact]
    public async Task A_partners_switched_off_webhook_is_told_to_the_people_who_act_for_it_and_nobody_else()
    {
        var (contact, colleague, stranger) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var endpoint = Guid.NewGuid();
        await _scenario.Bus.Publish(new WebhookEndpointDisabled(endpoint, Guid.NewGuid(), "浦江康复器材有限公司", "hooks.pujiang.example",
            "answered 410 Gone", [contact, colleague], Now));

        foreach (var account in new[] { contact, colleague })
        {
            var notice = await Eventually.Get(async () => (await _scenario.NoticesForAsync(account)).SingleOrDefault(), TimeSpan.FromSeconds(30), "the notice");
            Assert.Equal("webhook-disabled", notice.Kind);
            Assert.Contains("hooks.pujiang.example", notice.Body);
            Assert.Contains("410", notice.Body);
        }

        Assert.Empty(await _scenario.NoticesForAsync(stranger));
    }

    [Fact]
    public async Task A_redelivered_or_repeated_event_gives_one_notice()
    {
        var account = Guid.NewGuid();
        var registration = Guid.NewGuid();
        var session = await _scenario.SessionAsync(Now.AddDays(5));
        var messageId = NewId.NextGuid();
        var confirmed = new RegistrationConfirmed(registration, session, false, DateTimeOffset.UtcNow, null, account);

        await _scenario.Bus.Publish(confirmed, context => context.MessageId = messageId);
        await _scenario.Bus.Publish(confirmed, context => context.MessageId = messageId);
        await _scenario.Bus.Publish(confirmed);
        var marker = Guid.NewGuid();
        await _scenario.Bus.Publish(new RegistrationConfirmed(marker, session, false, DateTimeOffset.UtcNow.AddSeconds(1), null, account));

        await Eventually.True(async () => (await _scenario.NoticesForAsync(account)).Count >= 2, Patience, "the notices to be written");
        await Task.Delay(500);
        var notices = await _scenario.NoticesForAsync(account);
        Assert.Equal(2, notices.Count);
        Assert.Single(notices, n => n.DedupeKey.Contains(registration.ToString()));
    }

    [Fact]
    public async Task A_storm_of_registrations_tells_each_person_once_by_their_own_channel()
    {
        // A popular class opens: confirmations and waitlistings arrive all at once, and are told in batches.
        var (_, building, worker) = await _scenario.GridAsync();
        var session = await _scenario.SessionAsync(Now.AddDays(6), "热门书法课");
        var registrants = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        var residentsWithApp = new List<(Guid Resident, Guid Account)>();
        var toldInPerson = new List<(Guid Resident, Guid Account)>();
        var withoutApp = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var account = Guid.NewGuid();
            residentsWithApp.Add((await _scenario.ResidentAsync(building, account, $"用手机的居民{i}"), account));
            withoutApp.Add(await _scenario.ResidentAsync(building, account: null, $"没有手机的居民{i}"));
            // She has the app, but asked her grid worker to be told in person: nothing in the app.
            account = Guid.NewGuid();
            var resident = await _scenario.ResidentAsync(building, account, $"要当面告知的居民{i}");
            Assert.Equal(HttpStatusCode.OK,
                (await _scenario.As(worker, Roles.GridWorker).PutAsJsonAsync($"/preferences/residents/{resident}", new { channel = "call-list" })).StatusCode);
            toldInPerson.Add((resident, account));
        }

        List<(object Message, Guid MessageId)> messages = [.. registrants.Select((account, i) => (i % 2 == 0
                ? (object)new RegistrationConfirmed(Guid.NewGuid(), session, false, Now, null, account)
                : new RegistrationWaitlisted(Guid.NewGuid(), session, i, Now, null, account), NewId.NextGuid()))
            .Concat(residentsWithApp.Concat(toldInPerson).Select(p => ((object)new RegistrationConfirmed(Guid.NewGuid(), session, false, Now, p.Resident, p.Account), NewId.NextGuid())))
            .Concat(withoutApp.Select(r => ((object)new RegistrationConfirmed(Guid.NewGuid(), session, false, Now, r, null), NewId.NextGuid())))];
        // Every message delivered twice, and a third of them published again under a new id.
        var sends = messages.Concat(messages).Concat(messages.Where((_, i) => i % 3 == 0).Select(m => (m.Message, MessageId: NewId.NextGuid())));
        await Task.WhenAll(sends.Select(m => _scenario.Bus.Publish(m.Message, m.Message.GetType(), c => c.MessageId = m.MessageId)));

        await Eventually.True(() => fixture.Host.WithScope(async services =>
            await services.GetRequiredService<NoticesDbContext>().Registrations.CountAsync(r => r.SessionId == session) == messages.Count),
            Patience, "every registration in the read model");
        await Task.Delay(1000);
        foreach (var (account, i) in registrants.Select((a, i) => (a, i)))
        {
            var notice = Assert.Single(await _scenario.NoticesForAsync(account));
            Assert.Equal(i % 2 == 0 ? NoticeKinds.RegistrationConfirmed : NoticeKinds.RegistrationWaitlisted, notice.Kind);
            Assert.Contains("热门书法课", notice.Body);
        }

        foreach (var (resident, account) in residentsWithApp)
        {
            Assert.Single(await _scenario.NoticesForAsync(account), n => n.Kind == NoticeKinds.RegistrationConfirmed && n.ResidentId == resident);
        }

        foreach (var (resident, account) in toldInPerson)
        {
            Assert.Empty(await _scenario.NoticesForAsync(account));
        }

        // A confirmation is not worth a grid worker's call (offers and changes are).
        foreach (var resident in withoutApp.Concat(toldInPerson.Select(p => p.Resident)))
        {
            Assert.Empty(await _scenario.CallListForAsync(resident));
        }
    }

    [Fact]
    public async Task A_cancelled_session_tells_everyone_still_registered_from_its_one_event_and_their_own_cancellations_add_nothing()
    {
        var (_, building, _) = await _scenario.GridAsync();
        var elder = await _scenario.ResidentAsync(building, account: null, "冯阿婆");
        var (first, second, withdrew) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var session = await _scenario.SessionAsync(Now.AddDays(4), "合唱团");
        var registrations = new[] { (Id: Guid.NewGuid(), Account: (Guid?)first), (Id: Guid.NewGuid(), Account: second), (Id: Guid.NewGuid(), Account: withdrew) };
        foreach (var (id, account) in registrations)
        {
            await _scenario.Bus.Publish(new RegistrationConfirmed(id, session, false, Now, null, account));
        }

        var elderRegistration = Guid.NewGuid();
        await _scenario.Bus.Publish(new RegistrationConfirmed(elderRegistration, session, false, Now, elder, null));
        await _scenario.Bus.Publish(new RegistrationCancelled(registrations[2].Id, session, null, true, Now.AddSeconds(1), null, withdrew, CancellationReasons.ByParticipant));
        await Eventually.True(() => fixture.Host.WithScope(async services =>
        {
            var tracked = await services.GetRequiredService<NoticesDbContext>().Registrations.Where(r => r.SessionId == session).ToListAsync();
            return tracked.Count == 4 && tracked.Single(r => r.RegistrationId == registrations[2].Id).Status == TrackedStatus.Cancelled;
        }), Patience, "the four registrations and one withdrawal in the read model");

        // Only the session's event: both registrants with the app and the elder's grid team hear of it; who withdrew does not.
        await _scenario.Bus.Publish(new SessionCancelled(session, Guid.NewGuid(), null, 3, Now));
        foreach (var account in new[] { first, second })
        {
            var told = await Eventually.Get(async () => (await _scenario.NoticesForAsync(account)).SingleOrDefault(n => n.Kind == NoticeKinds.SessionCancelled),
                Patience, "the cancellation notice");
            Assert.Contains("合唱团", told.Body);
        }

        await Eventually.Get(async () => (await _scenario.CallListForAsync(elder)).SingleOrDefault(e => e.Kind == NoticeKinds.SessionCancelled), Patience, "the elder's call list entry");
        Assert.DoesNotContain(await _scenario.NoticesForAsync(withdrew), n => n.Kind == NoticeKinds.SessionCancelled);

        // Then each registration's own cancellation arrives: nobody is told twice.
        foreach (var (id, account) in registrations.Take(2).Append((elderRegistration, null)))
        {
            await _scenario.Bus.Publish(new RegistrationCancelled(id, session, null, true, Now.AddMinutes(1), account is null ? elder : null, account, CancellationReasons.SessionCancelled));
        }

        await Eventually.True(() => fixture.Host.WithScope(services => services.GetRequiredService<NoticesDbContext>().Registrations
            .AllAsync(r => r.SessionId != session || r.Status == TrackedStatus.Cancelled)), Patience, "the cancellations in the read model");
        Assert.Single(await _scenario.NoticesForAsync(first), n => n.Kind == NoticeKinds.SessionCancelled);
        Assert.Single(await _scenario.NoticesForAsync(second), n => n.Kind == NoticeKinds.SessionCancelled);
        Assert.Single(await _scenario.CallListForAsync(elder), e => e.Kind == NoticeKinds.SessionCancelled);
    }

    [Fact]
    public async Task Escalations_reach_station_staff_and_at_the_last_step_administrators_too_but_no_resident()
    {
        var request = Guid.NewGuid();
        var category = $"漏水{Random.Shared.Next(1_000_000)}";
        await _scenario.Bus.Publish(new RequestEscalated(request, 1, category, Guid.NewGuid(), null, Now.AddHours(-1), Now));
        await _scenario.Bus.Publish(new RequestEscalated(request, 2, category, Guid.NewGuid(), null, Now.AddHours(-1), Now.AddMinutes(1)));

        var staff = _scenario.As(Guid.NewGuid(), Roles.StationStaff);
        var staffInbox = await Eventually.Get(async () =>
        {
            var page = await staff.GetFromJsonAsync<InboxPage>("/notices/mine?pageSize=100");
            return page!.Items.Count(n => n.Body.Contains(category)) == 2 ? page : null;
        }, Patience, "both escalations in staff's inbox");
        var admin = await Eventually.Get(async () =>
        {
            var page = await _scenario.As(Guid.NewGuid(), Roles.Admin).GetFromJsonAsync<InboxPage>("/notices/mine?pageSize=100");
            return page!.Items.Any(n => n.Body.Contains(category)) ? page : null;
        }, Patience, "the last step in the administrators' inbox");
        var resident = await _scenario.As(Guid.NewGuid()).GetFromJsonAsync<InboxPage>("/notices/mine");

        Assert.All(staffInbox.Items.Where(n => n.Body.Contains(category)), n => Assert.Equal(NoticeKinds.RequestEscalated, n.Kind));
        Assert.Single(admin.Items, n => n.Body.Contains(category));
        Assert.Empty(resident!.Items);
    }

    [Fact]
    public async Task A_grid_worker_records_that_a_resident_wants_to_be_told_in_person_and_her_next_offer_goes_on_the_call_list()
    {
        var (_, building, worker) = await _scenario.GridAsync();
        var (_, _, otherWorker) = await _scenario.GridAsync();
        var account = Guid.NewGuid();
        var resident = await _scenario.ResidentAsync(building, account, "赵阿姨");
        var session = await _scenario.SessionAsync(Now.AddDays(4));

        var refused = await _scenario.As(otherWorker, Roles.GridWorker).PutAsJsonAsync($"/preferences/residents/{resident}", new { channel = "call-list" });
        var notShown = await _scenario.As(otherWorker, Roles.GridWorker).GetAsync($"/preferences/residents/{resident}");
        var notAWorker = await _scenario.As(account).GetAsync($"/preferences/residents/{resident}");
        var unknown = await _scenario.As(worker, Roles.GridWorker).GetAsync($"/preferences/residents/{Guid.NewGuid()}");
        var bad = await _scenario.As(worker, Roles.GridWorker).PutAsJsonAsync($"/preferences/residents/{resident}", new { channel = "pigeon" });
        var set = await _scenario.As(worker, Roles.GridWorker).PutAsJsonAsync($"/preferences/residents/{resident}", new { channel = "call-list" });
        var seen = await _scenario.As(account).GetFromJsonAsync<JsonElement>("/preferences/mine");
        await _scenario.Bus.Publish(new WaitlistOfferMade(Guid.NewGuid(), session, Now.AddHours(5), resident, account));

        var entries = await Eventually.Get(async () => { var list = await _scenario.CallListForAsync(resident); return list.Count > 0 ? list : null; },
            Patience, "the offer on the call list");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notShown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAWorker.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("call-list", seen.GetProperty("channel").GetString());
        Assert.Single(entries);
        Assert.Empty(await _scenario.NoticesForAsync(account));
    }

    [Fact]
    public async Task The_reporter_of_a_problem_is_told_it_was_resolved_and_asked_whether_she_is_satisfied_and_nobody_else_is()
    {
        var (_, building, worker) = await _scenario.GridAsync();
        var account = Guid.NewGuid();
        var withoutApp = await _scenario.ResidentAsync(building, account: null, "孙大爷");
        var request = Guid.NewGuid();

        await _scenario.Bus.Publish(new RequestProgressed(request, "accepted", "repair", account, DateTimeOffset.UtcNow));
        await _scenario.Bus.Publish(new RequestProgressed(request, "in-progress", "repair", account, DateTimeOffset.UtcNow.AddSeconds(1)));
        await _scenario.Bus.Publish(new RequestProgressed(request, "resolved", "repair", account, DateTimeOffset.UtcNow.AddSeconds(2)));
        await _scenario.Bus.Publish(new RequestProgressed(Guid.NewGuid(), "resolved", "repair", withoutApp, DateTimeOffset.UtcNow));

        var inbox = await Eventually.Get(async () =>
        {
            var page = await _scenario.As(account).GetFromJsonAsync<InboxPage>("/notices/mine");
            return page!.Items.Count == 2 ? page : null;
        }, Patience, "accepted and resolved in the reporter's inbox");
        await Task.Delay(500);

        Assert.Equal(new[] { NoticeKinds.RequestAccepted, NoticeKinds.RequestResolved }, inbox.Items.Select(n => n.Kind).Order());
        Assert.Contains("报修", inbox.Items.Single(n => n.Kind == NoticeKinds.RequestResolved).Body);
        Assert.Contains("满意", inbox.Items.Single(n => n.Kind == NoticeKinds.RequestResolved).Title);
        // Never on the team's call list: an anonymous reporter stays unknown to them.
        Assert.Empty(await _scenario.CallListForAsync(withoutApp));
        Assert.Empty(await _scenario.NoticesForAsync(worker));
    }

    [Fact]
    public async Task A_shift_filling_at_once_tells_each_linked_volunteer_once_and_nobody_whose_withdrawal_came_first()
    {
        // Fifty sign-ups in a second, told in batches: every message delivered twice and a third published again under a new id.
        var request = Guid.NewGuid();
        var volunteers = Enumerable.Range(0, 40).Select(_ => (Volunteer: Guid.NewGuid(), Account: Guid.NewGuid(), Assignment: Guid.NewGuid())).ToList();
        foreach (var v in volunteers.Take(30))
        {
            await _scenario.Bus.Publish(new VolunteerAccountLinked(v.Volunteer, v.Account, DateTimeOffset.UtcNow));
        }

        await Eventually.True(() => fixture.Host.WithScope(async services =>
            await services.GetRequiredService<NoticesDbContext>().VolunteerAccounts.CountAsync(l => volunteers.Select(v => v.Volunteer).Contains(l.VolunteerId)) == 30),
            Patience, "the volunteers' account links");
        // One of them withdrew, and the withdrawal overtook the assignment.
        var early = volunteers[0];
        await _scenario.Bus.Publish(new VolunteerWithdrawn(early.Assignment, early.Volunteer, request, DateTimeOffset.UtcNow));
        await Eventually.True(() => fixture.Host.WithScope(services =>
            services.GetRequiredService<NoticesDbContext>().Assignments.AnyAsync(a => a.AssignmentId == early.Assignment)), Patience, "the early withdrawal");

        List<(VolunteerAssigned Message, Guid MessageId)> messages =
            [.. volunteers.Select(v => (new VolunteerAssigned(v.Assignment, v.Volunteer, request, DateTimeOffset.UtcNow), NewId.NextGuid()))];
        var sends = messages.Concat(messages).Concat(messages.Where((_, i) => i % 3 == 0).Select(m => (m.Message, MessageId: NewId.NextGuid())));
        await Task.WhenAll(sends.Select(m => _scenario.Bus.Publish(m.Message, c => c.MessageId = m.MessageId)));

        await Eventually.True(() => fixture.Host.WithScope(async services =>
            await services.GetRequiredService<NoticesDbContext>().Assignments.CountAsync(a => a.RequestId == request) == volunteers.Count),
            Patience, "every assignment tracked");
        await Task.Delay(1000);
        var tracked = await fixture.Host.WithScope(services => services.GetRequiredService<NoticesDbContext>().Assignments.AsNoTracking()
            .Where(a => a.RequestId == request).ToDictionaryAsync(a => a.AssignmentId, a => a.Active));
        Assert.False(tracked[early.Assignment]);
        Assert.Empty(await _scenario.NoticesForAsync(early.Account));
        foreach (var v in volunteers.Skip(1).Take(29))
        {
            Assert.True(tracked[v.Assignment]);
            var notice = Assert.Single(await _scenario.NoticesForAsync(v.Account));
            Assert.Equal(NoticeKinds.ShiftAssigned, notice.Kind);
            Assert.Equal("/volunteer", notice.Link);
        }

        Assert.All(volunteers.Skip(30), v => Assert.True(tracked[v.Assignment])); // no account to tell: tracked all the same
    }

    [Fact]
    public async Task A_guardians_withdrawn_consent_reaches_each_shifts_supervisors_and_staff_once_without_the_childs_name()
    {
        var (supervisor, supervisorAccount, otherAdult) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await _scenario.Bus.Publish(new VolunteerAccountLinked(supervisor, supervisorAccount, DateTimeOffset.UtcNow));
        await Eventually.True(() => fixture.Host.WithScope(services =>
            services.GetRequiredService<NoticesDbContext>().VolunteerAccounts.AnyAsync(l => l.VolunteerId == supervisor)),
            TimeSpan.FromSeconds(30), "the supervisor's account link");
        var (consent, shift) = (Guid.NewGuid(), Guid.NewGuid());
        var withdrawn = new GuardianConsentWithdrawn(consent, Guid.NewGuid(),
            [new ShiftLeftByChild(shift, fixture.Clock.GetUtcNow().AddDays(3), [supervisor, otherAdult])], fixture.Clock.GetUtcNow());

        // Published twice, as a redelivery would: one notice each.
        await _scenario.Bus.Publish(withdrawn, context => context.MessageId = Guid.NewGuid());
        await _scenario.Bus.Publish(withdrawn, context => context.MessageId = Guid.NewGuid());

        var notice = await Eventually.Get(async () => (await _scenario.NoticesForAsync(supervisorAccount)).SingleOrDefault(n => n.Kind == "consent-withdrawn"),
            TimeSpan.FromSeconds(30), "the supervisor's notice");
        Assert.Contains("监护人撤回了同意", notice.Body);
        var staff = await fixture.Host.WithScope(services => services.GetRequiredService<NoticesDbContext>().Notices.AsNoTracking()
            .Where(n => n.Role == Roles.StationStaff && n.Kind == "consent-withdrawn" && n.DedupeKey.Contains(shift.ToString())).CountAsync());
        Assert.Equal(1, staff);
        await Task.Delay(500);
        Assert.Single(await _scenario.NoticesForAsync(supervisorAccount), n => n.Kind == "consent-withdrawn");
    }

    [Fact]
    public async Task An_offer_answered_before_anyone_called_leaves_the_call_list_and_a_child_is_told_through_her_guardian()
    {
        var (_, building, worker) = await _scenario.GridAsync();
        var elder = await _scenario.ResidentAsync(building, account: null, "周阿婆");
        var session = await _scenario.SessionAsync(Now.AddDays(3));
        var registration = Guid.NewGuid();
        await _scenario.Bus.Publish(new WaitlistOfferMade(registration, session, Now.AddHours(2), elder, null, DateTimeOffset.UtcNow));
        await Eventually.True(async () => (await _scenario.CallListForAsync(elder)).Count == 1, Patience, "the offer on the call list");

        await _scenario.Bus.Publish(new RegistrationConfirmed(registration, session, true, DateTimeOffset.UtcNow.AddSeconds(1), elder, null));
        var settled = await Eventually.Get(async () =>
        {
            var entry = (await _scenario.CallListForAsync(elder)).Single(e => e.Kind == NoticeKinds.OfferMade);
            return entry.Status == "overtaken" ? entry : null;
        }, Patience, "the entry settled by her acceptance");
        var open = await _scenario.As(worker, Roles.GridWorker).GetFromJsonAsync<JsonElement>("/call-list");
        var lateCall = await _scenario.As(worker, Roles.GridWorker).PostAsJsonAsync($"/call-list/{settled.Id}/told", new { how = "phone" });

        Assert.DoesNotContain(open.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == settled.Id);
        Assert.Equal(HttpStatusCode.Conflict, lateCall.StatusCode);

        // A child without an account: her guardian hears of her offer in the app.
        var guardianAccount = Guid.NewGuid();
        var guardian = await _scenario.ResidentAsync(building, guardianAccount, "小林的妈妈");
        var child = Guid.NewGuid();
        await _scenario.Bus.Publish(new ResidentRecorded(child, Guid.NewGuid(), "小林", 2016, guardian, null, DateTimeOffset.UtcNow, building));
        await Eventually.True(() => fixture.Host.WithScope(services =>
            services.GetRequiredService<NoticesDbContext>().KnownResidents.AnyAsync(r => r.ResidentId == child)), Patience, "the child known");
        await _scenario.Bus.Publish(new WaitlistOfferMade(Guid.NewGuid(), session, Now.AddHours(2), child, null, DateTimeOffset.UtcNow));
        var told = await Eventually.Get(async () => (await _scenario.NoticesForAsync(guardianAccount)).FirstOrDefault(n => n.Kind == NoticeKinds.OfferMade),
            Patience, "the offer in her guardian's inbox");
        Assert.Equal(child, told.ResidentId);
    }

    [Fact]
    public async Task A_neighbour_who_registered_an_elder_under_her_consent_hears_of_her_places_only_until_she_withdraws_it()
    {
        var (_, building, _) = await _scenario.GridAsync();
        var elder = await _scenario.ResidentAsync(building, account: null, "陈阿婆");
        var neighbour = Guid.NewGuid();
        var session = await _scenario.SessionAsync(Now.AddDays(3));
        var (consent, given) = (Guid.NewGuid(), DateTimeOffset.UtcNow);
        await _scenario.Bus.Publish(new ActingConsentChanged(consent, elder, neighbour, "activities", Now.AddDays(30), null, given));
        await Eventually.True(() => fixture.Host.WithScope(services =>
            services.GetRequiredService<NoticesDbContext>().ActingConsents.AnyAsync(c => c.ConsentId == consent)), Patience, "the consent copied");

        await _scenario.Bus.Publish(new WaitlistOfferMade(Guid.NewGuid(), session, Now.AddHours(2), elder, neighbour, DateTimeOffset.UtcNow));
        await Eventually.True(async () => (await _scenario.NoticesForAsync(neighbour)).Count == 1, Patience, "the neighbour told while the consent holds");

        // She withdraws it; a copy of the older, holding version arriving late changes nothing.
        await _scenario.Bus.Publish(new ActingConsentChanged(consent, elder, neighbour, "activities", Now.AddDays(30), given.AddSeconds(1), given.AddSeconds(1)));
        await Eventually.True(() => fixture.Host.WithScope(services =>
            services.GetRequiredService<NoticesDbContext>().ActingConsents.AnyAsync(c => c.ConsentId == consent && c.WithdrawnAt != null)), Patience, "the withdrawal copied");
        var stale = Guid.NewGuid();
        await _scenario.Bus.Publish(new ActingConsentChanged(consent, elder, neighbour, "activities", Now.AddDays(30), null, given), c => c.MessageId = stale);
        await Eventually.True(() => fixture.Host.WithScope(services =>
            services.GetRequiredService<NoticesDbContext>().InboxMessages.AnyAsync(m => m.MessageId == stale)), Patience, "the late copy handled");
        await _scenario.Bus.Publish(new WaitlistOfferMade(Guid.NewGuid(), session, Now.AddHours(2), elder, neighbour, DateTimeOffset.UtcNow));
        await Eventually.True(async () => (await _scenario.CallListForAsync(elder)).Count == 2, Patience, "both offers on her grid's call list");

        Assert.Single(await _scenario.NoticesForAsync(neighbour));
        Assert.True(await fixture.Host.WithScope(services =>
            services.GetRequiredService<NoticesDbContext>().ActingConsents.AnyAsync(c => c.ConsentId == consent && c.WithdrawnAt != null)));
    }

    public sealed record LiveNoticeMessage(Guid Id, string Kind, string Title, string Body, string? Link, bool Urgent, DateTimeOffset CreatedAt);
}
