using System.Net.Http.Json;
using Community.Contracts;
using Community.ServiceDefaults;
using Community.Services.Notices.Activities;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Inbox;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Community.Services.Notices.Tests;

/// <summary>The service late in the evening in Shanghai, on a clock the tests move forward.</summary>
public sealed class EveningFixture : ServiceFixture<NoticesDbContext>
{
    public FakeTimeProvider Clock { get; } = new(Neighbourhood.StartOf(Neighbourhood.Today(DateTimeOffset.UtcNow).AddDays(1)).AddHours(22.5));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Notices:ReminderCheckInterval"] = "20.00:00:00",
        ["Notices:RetentionCheckInterval"] = "20.00:00:00",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>Moves the clock forward to the next <paramref name="hour"/> o'clock (local), unless it is that time already.</summary>
    public DateTimeOffset AdvanceTo(double hour) => Clock.AdvanceTo(hour);
}

public sealed class NoticeTimingTests(EveningFixture fixture) : IClassFixture<EveningFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly NoticesScenario _scenario = new(fixture.Host);

    [Fact]
    public async Task Quiet_hours_hold_a_non_urgent_notice_until_eight_but_not_an_offer()
    {
        fixture.AdvanceTo(22.5);
        var account = Guid.NewGuid();
        var session = await _scenario.SessionAsync(fixture.Clock.GetUtcNow().AddDays(3));
        await _scenario.Bus.Publish(new RegistrationConfirmed(Guid.NewGuid(), session, false, DateTimeOffset.UtcNow, null, account));
        await _scenario.Bus.Publish(new WaitlistOfferMade(Guid.NewGuid(), session, fixture.Clock.GetUtcNow().AddHours(12), null, account));
        await Eventually.True(async () => (await _scenario.NoticesForAsync(account)).Count == 2, Patience, "both notices written");

        var atNight = await _scenario.As(account).GetFromJsonAsync<InboxPage>("/notices/mine");
        fixture.AdvanceTo(8);
        var inTheMorning = await _scenario.As(account).GetFromJsonAsync<InboxPage>("/notices/mine");

        Assert.Equal(NoticeKinds.OfferMade, Assert.Single(atNight!.Items).Kind);
        Assert.Equal(2, inTheMorning!.Items.Count);
        Assert.Contains(inTheMorning.Items, n => n.Kind == NoticeKinds.RegistrationConfirmed);
    }

    [Fact]
    public async Task The_day_before_reminder_goes_out_once_from_six_in_the_evening()
    {
        fixture.AdvanceTo(17);
        var tomorrow = Neighbourhood.Today(fixture.Clock.GetUtcNow()).AddDays(1);
        var account = Guid.NewGuid();
        var session = await _scenario.SessionAsync(Neighbourhood.StartOf(tomorrow).AddHours(9.5), "编织课");
        var cancelled = await _scenario.SessionAsync(Neighbourhood.StartOf(tomorrow).AddHours(14));
        var registration = Guid.NewGuid();
        await _scenario.Bus.Publish(new RegistrationConfirmed(registration, session, false, DateTimeOffset.UtcNow, null, account));
        await _scenario.Bus.Publish(new RegistrationConfirmed(Guid.NewGuid(), cancelled, false, DateTimeOffset.UtcNow, null, account));
        await _scenario.Bus.Publish(new SessionCancelled(cancelled, Guid.NewGuid(), null, 1, DateTimeOffset.UtcNow));
        await Eventually.True(() => fixture.Host.WithScope(async services =>
        {
            var db = services.GetRequiredService<NoticesDbContext>();
            return await db.Registrations.CountAsync(r => r.AccountId == account) == 2 && await db.Sessions.AnyAsync(s => s.SessionId == cancelled && s.Cancelled);
        }), Patience, "the registrations and the cancellation in the read model");
        var reminders = fixture.Host.Services.GetRequiredService<DayBeforeReminders>();

        var beforeSix = await reminders.RemindAsync(CancellationToken.None);
        fixture.AdvanceTo(18.1);
        await reminders.RemindAsync(CancellationToken.None);
        var secondPass = await reminders.RemindAsync(CancellationToken.None);

        var sent = (await _scenario.NoticesForAsync(account)).Where(n => n.Kind == NoticeKinds.SessionReminder).ToList();
        Assert.Equal(0, beforeSix);
        Assert.Equal(0, secondPass);
        var reminder = Assert.Single(sent);
        Assert.Contains("编织课", reminder.Body);
        Assert.Contains(registration.ToString(), reminder.DedupeKey);
    }

    [Fact]
    public async Task An_offer_halfway_to_its_deadline_is_reminded_once()
    {
        var now = fixture.Clock.GetUtcNow();
        var account = Guid.NewGuid();
        var session = await _scenario.SessionAsync(now.AddDays(2), "太极拳");
        var registration = Guid.NewGuid();
        // Offered now (as Notices learns of it), answerable for an hour; forty minutes later it is past halfway.
        await _scenario.Bus.Publish(new WaitlistOfferMade(registration, session, now.AddHours(1), null, account, now));
        await Eventually.True(() => fixture.Host.WithScope(services => services.GetRequiredService<NoticesDbContext>().Registrations
            .AnyAsync(r => r.RegistrationId == registration && r.Status == TrackedStatus.Offered)), Patience, "the offer in the read model");
        var reminders = fixture.Host.Services.GetRequiredService<OfferReminders>();
        Task<List<string>> RemindedAsync() => fixture.Host.WithScope(services => services.GetRequiredService<NoticesDbContext>().Notices.AsNoTracking()
            .Where(n => n.AccountId == account && n.Kind == NoticeKinds.OfferReminder).Select(n => n.Body).ToListAsync());

        // Other tests' offers may be reminded in the same passes: only hers is counted.
        await reminders.RemindAsync(CancellationToken.None);
        var early = (await RemindedAsync()).Count;
        fixture.Clock.Advance(TimeSpan.FromMinutes(40));
        await reminders.RemindAsync(CancellationToken.None);
        await reminders.RemindAsync(CancellationToken.None);
        var written = await RemindedAsync();

        Assert.Equal(0, early);
        Assert.Contains("太极拳", Assert.Single(written));
    }
}
