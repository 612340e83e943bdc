using System.Collections.Concurrent;
using Community.Contracts;
using Community.ServiceDefaults;
using Community.Services.Notices.Activities;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Community.Services.Notices.Tests.NoticesTests;

namespace Community.Services.Notices.Tests;

/// <summary>Two instances of the service on one database and one broker, as the AppHost runs them with two replicas.</summary>
public sealed class TwoInstancesFixture : ServiceFixture<NoticesDbContext>
{
    public FakeTimeProvider Clock { get; } = new(Neighbourhood.StartOf(Neighbourhood.Today(DateTimeOffset.UtcNow).AddDays(1)).AddHours(10));

    public ServiceHost<NoticesDbContext> Twin { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Notices:ReminderCheckInterval"] = "20.00:00:00",
        ["Notices:RetentionCheckInterval"] = "20.00:00:00",
        // No polling to fall back on: a notice written by one instance reaches the other's connections by NOTIFY or never.
        ["Notices:LivePollInterval"] = "1.00:00:00",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Twin = new ServiceHost<NoticesDbContext>($"{ServiceName}db", Host.DatabaseConnectionString, BrokerConnectionString, Settings, ConfigureServices);
        await Twin.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await Twin.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Moves the clock forward to the next <paramref name="hour"/> o'clock (local), unless it is that time already.</summary>
    public DateTimeOffset AdvanceTo(double hour) => Clock.AdvanceTo(hour);
}

public sealed class TwoInstancesTests(TwoInstancesFixture fixture) : IClassFixture<TwoInstancesFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly NoticesScenario _scenario = new(fixture.Host);

    [Fact]
    public async Task A_person_connected_to_either_instance_gets_each_notice_live_once_whichever_instance_wrote_it()
    {
        var account = Guid.NewGuid();
        var session = await _scenario.SessionAsync(fixture.Clock.GetUtcNow().AddDays(2));
        var onFirst = new ConcurrentQueue<LiveNoticeMessage>();
        var onTwin = new ConcurrentQueue<LiveNoticeMessage>();
        await using var first = await ConnectAsync(fixture.Host, account, onFirst);
        await using var twin = await ConnectAsync(fixture.Twin, account, onTwin);

        // Two offers, each consumed by one instance or the other (they share the queue); both connections hear both.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            await _scenario.Bus.Publish(new WaitlistOfferMade(Guid.NewGuid(), session, fixture.Clock.GetUtcNow().AddHours(3), null, account));
        }

        await Eventually.True(() => Task.FromResult(onFirst.Count >= 2 && onTwin.Count >= 2), Patience, "both offers on both connections");
        // Further passes on both instances push nothing again.
        await fixture.Host.Services.GetRequiredService<Live.LiveDelivery>().PushVisibleAsync(CancellationToken.None);
        await fixture.Twin.Services.GetRequiredService<Live.LiveDelivery>().PushVisibleAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var written = (await _scenario.NoticesForAsync(account)).Select(n => n.Id).Order().ToList();
        Assert.Equal(2, written.Count);
        Assert.Equal(written, onFirst.Select(n => n.Id).Order().ToList());
        Assert.Equal(written, onTwin.Select(n => n.Id).Order().ToList());
    }

    [Fact]
    public async Task Both_instances_reminding_at_once_remind_each_registration_once()
    {
        fixture.AdvanceTo(17);
        var tomorrow = Neighbourhood.Today(fixture.Clock.GetUtcNow()).AddDays(1);
        var session = await _scenario.SessionAsync(Neighbourhood.StartOf(tomorrow).AddHours(9.5), "剪纸课");
        var accounts = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        foreach (var account in accounts)
        {
            await _scenario.Bus.Publish(new RegistrationConfirmed(Guid.NewGuid(), session, false, DateTimeOffset.UtcNow, null, account));
        }

        await Eventually.True(() => fixture.Host.WithScope(services =>
            services.GetRequiredService<NoticesDbContext>().Registrations.CountAsync(r => r.SessionId == session).ContinueWith(c => c.Result == accounts.Count)),
            Patience, "the registrations in the read model");
        fixture.AdvanceTo(18.1);

        var passes = await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { fixture.Host, fixture.Twin })
            .Select(host => Task.Run(() => host.Services.GetRequiredService<DayBeforeReminders>().RemindAsync(CancellationToken.None))));

        var reminders = await fixture.Host.WithScope(services => services.GetRequiredService<NoticesDbContext>().Notices.AsNoTracking()
            .Where(n => n.Kind == NoticeKinds.SessionReminder && accounts.Contains(n.AccountId!.Value)).Select(n => n.AccountId!.Value).ToListAsync());
        Assert.Equal(accounts.Order(), reminders.Order());
        Assert.Equal(accounts.Count, passes.Sum());
    }

    private async Task<HubConnection> ConnectAsync(ServiceHost<NoticesDbContext> host, Guid account, ConcurrentQueue<LiveNoticeMessage> received)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.Server.BaseAddress, "hubs/notices"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => host.Server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult<string?>(_scenario.TokenFor(account));
            })
            .Build();
        connection.On<LiveNoticeMessage>("notice", received.Enqueue);
        await connection.StartAsync();
        return connection;
    }
}
