using System.Text;
using Community.Contracts;
using Community.ServiceDefaults.Auth;
using System.Net.Http.Json;
using Community.Services.Grid.Data;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Grid.Tests;

/// <summary>Grid's read model of volunteers, fed by VolunteerRegistered: idempotent, and robust to poison messages.</summary>
public sealed class VolunteerReadModelTests(ServiceFixture<GridDbContext> fixture) : IClassFixture<ServiceFixture<GridDbContext>>, IDisposable
{
    private const string Queue = "grid-volunteer-registered";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ConsumeCounter _counter = new();
    private ConnectHandle? _observer;

    private IBus Bus => fixture.Host.Services.GetRequiredService<IBus>();

    private static VolunteerRegistered Registered(Guid id, string name) =>
        new(id, name, "party-member", ["first-aid"], null, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_registered_volunteer_enters_the_read_model()
    {
        Observe();
        var volunteerId = Guid.NewGuid();

        await Bus.Publish(Registered(volunteerId, "张师傅"));

        var name = await Eventually.Get(() => ReadModelNameAsync(volunteerId), Patience, "the volunteer in Grid's read model");
        Assert.Equal("张师傅", name);
    }

    [Fact]
    public async Task Racing_profile_changes_leave_the_latest_whatever_order_they_commit_in()
    {
        var volunteerId = Guid.NewGuid();
        var registeredAt = DateTimeOffset.UtcNow.AddMinutes(-30);
        await Bus.Publish(Registered(volunteerId, "赵阿姨") with { RegisteredAt = registeredAt });
        await Eventually.Get(() => ReadModelNameAsync(volunteerId), Patience, "the volunteer in Grid's read model");

        // Thirty changes at once, newest first: consumed side by side, the oldest tend to commit last.
        var changes = Enumerable.Range(1, 30).Select(i => new VolunteerProfileChanged(volunteerId, $"赵阿姨 {i}", "party-member", ["first-aid"], null,
            registeredAt.AddMinutes(i))).Reverse().ToList();
        await Task.WhenAll(changes.Select(c => Bus.Publish(c)));

        var latest = await Eventually.Get(() => KnownAsync(volunteerId, v => v.DisplayName == "赵阿姨 30"), Patience, "the newest change in the read model");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var settled = await KnownAsync(volunteerId, _ => true);
        Assert.Equal(("赵阿姨 30", latest!.ChangedAt), (settled!.DisplayName, settled.ChangedAt));
    }

    [Fact]
    public async Task A_grid_worker_works_their_grid_once_the_registry_says_whose_account_their_volunteer_record_is()
    {
        var scenario = new GridScenario(fixture.Host);
        var building = await scenario.BuildingAsync();
        var grid = await (await scenario.Staff.PostAsJsonAsync("/grids", new { name = $"网格 {Guid.NewGuid():N}"[..12], buildingIds = new[] { building } }))
            .Content.ReadFromJsonAsync<Community.Services.Grid.Grids.GridDto>();
        var volunteer = Guid.NewGuid();
        await Bus.Publish(Registered(volunteer, "网格员小周"));
        await Eventually.Get(() => ReadModelNameAsync(volunteer), Patience, "the volunteer in Grid's read model");
        Assert.Equal(System.Net.HttpStatusCode.Created,
            (await scenario.Staff.PostAsJsonAsync($"/grids/{grid!.Id}/team", new { volunteerId = volunteer, role = "secretary" })).StatusCode);

        // A token naming the volunteer id is nobody's; the account the registry links is the grid worker.
        var account = Guid.NewGuid();
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await scenario.As(volunteer, Roles.GridWorker).GetAsync($"/grids/{grid.Id}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await scenario.As(account, Roles.GridWorker).GetAsync($"/grids/{grid.Id}")).StatusCode);
        await Bus.Publish(new VolunteerAccountLinked(volunteer, account, DateTimeOffset.UtcNow));
        await Eventually.True(async () => (await scenario.As(account, Roles.GridWorker).GetAsync($"/grids/{grid.Id}")).IsSuccessStatusCode,
            Patience, "the linked account to work the grid");

        // An older link arriving late does not take the record back.
        await Bus.Publish(new VolunteerAccountLinked(volunteer, Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-5)));
        await Task.Delay(1000);
        Assert.True((await scenario.As(account, Roles.GridWorker).GetAsync($"/grids/{grid.Id}")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task A_profile_change_reaches_the_read_model_and_an_older_event_arriving_late_changes_nothing()
    {
        var volunteerId = Guid.NewGuid();
        var registeredAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var building = Guid.NewGuid();
        await Bus.Publish(new VolunteerRegistered(volunteerId, "王阿姨", "resident-volunteer", ["first-aid"], null, registeredAt));
        await Eventually.Get(() => ReadModelNameAsync(volunteerId), Patience, "the volunteer in Grid's read model");

        await Bus.Publish(new VolunteerProfileChanged(volunteerId, "王阿姨", "resident-volunteer", ["first-aid", "hospital-escort"], building, registeredAt.AddMinutes(5)));
        var known = await Eventually.Get(() => KnownAsync(volunteerId, v => v.HomeBuildingId == building), Patience, "the profile change");
        Assert.Equal(["first-aid", "hospital-escort"], known.Skills);

        // The registration published again (a new message id) and an older change arrive after it: neither undoes it.
        Observe();
        var (again, older) = (Guid.NewGuid(), Guid.NewGuid());
        await Bus.Publish(new VolunteerRegistered(volunteerId, "王阿姨", "resident-volunteer", ["first-aid"], null, registeredAt), c => c.MessageId = again);
        await Bus.Publish(new VolunteerProfileChanged(volunteerId, "王阿姨", "resident-volunteer", [], null, registeredAt.AddMinutes(1)), c => c.MessageId = older);
        await Eventually.True(() => Task.FromResult(_counter.Consumed(again) == 1 && _counter.Consumed(older) == 1), Patience, "both late messages consumed");
        known = (await KnownAsync(volunteerId, _ => true))!;
        Assert.Equal((building, 2), (known.HomeBuildingId, known.Skills.Count));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_changes_grid_state_once()
    {
        Observe();
        var messageId = Guid.NewGuid();
        var volunteerId = Guid.NewGuid();

        await Bus.Publish(Registered(volunteerId, "first delivery"), context => context.MessageId = messageId);
        await Eventually.True(() => Task.FromResult(_counter.Consumed(messageId) == 1), Patience, "the first delivery");
        // A redelivery carries the same id. Its body differs here only so that a second application would show.
        await Bus.Publish(Registered(volunteerId, "second delivery"), context => context.MessageId = messageId);
        await Eventually.True(() => Task.FromResult(_counter.Consumed(messageId) == 2), Patience, "the second delivery");

        Assert.Equal("first delivery", await ReadModelNameAsync(volunteerId));
        Assert.Equal(1, await InboxCountAsync(messageId));
    }

    [Fact]
    public async Task Copies_of_one_message_arriving_at_once_are_applied_once()
    {
        Observe();
        var messageId = Guid.NewGuid();
        var volunteerId = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Bus.Publish(Registered(volunteerId, $"copy {i}"), context => context.MessageId = messageId)));
        await Eventually.True(() => Task.FromResult(_counter.Consumed(messageId) == 12), Patience, "all twelve copies");

        Assert.Equal(1, await InboxCountAsync(messageId));
        Assert.NotNull(await ReadModelNameAsync(volunteerId));
    }

    [Fact]
    public async Task A_poison_message_ends_in_the_error_queue_after_its_retries_while_others_keep_flowing()
    {
        Observe();
        var poisonId = Guid.NewGuid();
        var poisonVolunteer = Guid.NewGuid();
        // Too long for the read model's column: the database refuses it on every attempt.
        var poison = Registered(poisonVolunteer, new string('毒', 500));

        await Bus.Publish(poison, context => context.MessageId = poisonId);
        var healthy = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in healthy)
        {
            await Bus.Publish(Registered(id, "healthy"));
        }

        foreach (var id in healthy)
        {
            await Eventually.Get(() => ReadModelNameAsync(id), Patience, "a healthy message behind the poison one");
        }

        // Other tests of this class may dead-letter messages of their own into the same queue.
        var dead = await Eventually.Get(async () =>
            (await fixture.RabbitMq.DrainQueueAsync(fixture.BrokerConnectionString, Queue + "_error"))
                .FirstOrDefault(m => m.BasicProperties.MessageId == poisonId.ToString()),
            Patience, "the poison message in the _error queue");

        var headers = dead.BasicProperties.Headers!;
        Assert.Equal(3, Convert.ToInt32(headers["MT-Fault-RetryCount"]));
        Assert.Contains("PostgresException", Encoding.UTF8.GetString((byte[])headers["MT-Fault-ExceptionType"]!));
        Assert.Null(await ReadModelNameAsync(poisonVolunteer));
        Assert.Equal(0, await InboxCountAsync(poisonId));
    }

    [Fact]
    public async Task A_message_that_breaks_the_contract_skips_the_retries()
    {
        Observe();
        var messageId = Guid.NewGuid();

        await Bus.Publish(Registered(Guid.Empty, "no id"), context => context.MessageId = messageId);

        var dead = await Eventually.Get(async () =>
            (await fixture.RabbitMq.DrainQueueAsync(fixture.BrokerConnectionString, Queue + "_error"))
                .FirstOrDefault(m => m.BasicProperties.MessageId == messageId.ToString()),
            Patience, "the invalid message in the _error queue");

        var headers = dead.BasicProperties.Headers!;
        Assert.Equal(0, headers.TryGetValue("MT-Fault-RetryCount", out var retries) ? Convert.ToInt32(retries) : 0);
        Assert.Contains("InvalidMessageException", Encoding.UTF8.GetString((byte[])headers["MT-Fault-ExceptionType"]!));
    }

    public void Dispose() => _observer?.Disconnect();

    private void Observe() => _observer = Bus.ConnectConsumeObserver(_counter);

    private Task<string?> ReadModelNameAsync(Guid volunteerId) => fixture.Host.WithScope(services =>
        services.GetRequiredService<GridDbContext>().KnownVolunteers
            .Where(v => v.VolunteerId == volunteerId).Select(v => v.DisplayName).FirstOrDefaultAsync());

    private Task<Volunteers.KnownVolunteer?> KnownAsync(Guid volunteerId, Func<Volunteers.KnownVolunteer, bool> when) => fixture.Host.WithScope(async services =>
    {
        var known = await services.GetRequiredService<GridDbContext>().KnownVolunteers.AsNoTracking().FirstOrDefaultAsync(v => v.VolunteerId == volunteerId);
        return known is not null && when(known) ? known : null;
    });

    private Task<int> InboxCountAsync(Guid messageId) => fixture.Host.WithScope(services =>
        services.GetRequiredService<GridDbContext>().InboxMessages.CountAsync(m => m.MessageId == messageId));
}
