using Community.Services.Grid.Data;
using Community.Services.Volunteers.Data;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Messaging.Tests;

/// <summary>With its own RabbitMQ node, which the test stops and starts again.</summary>
public sealed class BrokerOutageTests
{
    [Fact]
    public async Task With_the_broker_down_registration_succeeds_and_grid_gets_the_event_exactly_once_when_it_returns()
    {
        var postgres = (await SharedInfrastructure.GetAsync()).Postgres;
        await using var rabbit = await RabbitMqNode.StartAsync();
        await using var flow = await VolunteerFlow.StartAsync(postgres, rabbit.ConnectionString);

        // The flow works while the broker is up.
        var before = await flow.RegisterAsync("停电前");
        await Eventually.True(() => flow.GridKnowsAsync(before.Id), TimeSpan.FromSeconds(30), "Grid to learn of the first volunteer");

        rabbit.Stop();
        var during = await flow.RegisterAsync("停电中");

        // The event waits in the outbox, retried and never dropped, while the broker is away.
        var pending = await Eventually.Get(async () =>
        {
            var row = await OutboxRowForAsync(flow, during.Id);
            return row is { Attempts: > 0, PublishedAt: null } ? row : null;
        }, TimeSpan.FromSeconds(30), "a failed publish attempt to be recorded");
        Assert.NotNull(pending.LastError);
        Assert.False(await flow.GridKnowsAsync(during.Id));

        await rabbit.StartAgainAsync();

        await Eventually.True(() => flow.GridKnowsAsync(during.Id), TimeSpan.FromSeconds(120), "Grid to learn of the volunteer registered during the outage");
        var published = await Eventually.Get(async () =>
        {
            var row = await OutboxRowForAsync(flow, during.Id);
            return row?.PublishedAt is not null ? row : null;
        }, TimeSpan.FromSeconds(30), "the outbox row to be marked published");
        Assert.Equal(pending.Id, published.Id);

        // Exactly once: one inbox record for the message, one read-model row for the volunteer.
        var (inbox, rows) = await flow.Grid.WithScope(async services =>
        {
            var db = services.GetRequiredService<GridDbContext>();
            return (await db.InboxMessages.CountAsync(m => m.MessageId == published.Id),
                await db.KnownVolunteers.CountAsync(v => v.VolunteerId == during.Id));
        });
        Assert.Equal(1, inbox);
        Assert.Equal(1, rows);
    }

    private static Task<OutboxRow?> OutboxRowForAsync(VolunteerFlow flow, Guid volunteerId) => flow.Volunteers.WithScope(async services =>
    {
        var rows = await services.GetRequiredService<VolunteersDbContext>().OutboxMessages.AsNoTracking().ToListAsync();
        return rows.Where(r => r.Payload.Contains(volunteerId.ToString()))
            .Select(r => new OutboxRow(r.Id, r.Attempts, r.LastError, r.PublishedAt))
            .SingleOrDefault();
    });

    private sealed record OutboxRow(Guid Id, int Attempts, string? LastError, DateTimeOffset? PublishedAt);
}
