using Community.Contracts;
using Community.Persistence;
using Community.Services.Volunteers.Data;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Volunteers.Tests;

/// <summary>
/// Copies of one completion (re-published under new ids) in two batches applied at once: the second batch waits for the
/// first's session lock and then finds its credit, so each session is credited once and no batch fails.
/// </summary>
public sealed class CreditingRaceTests(ServiceFixture<VolunteersDbContext> fixture) : IClassFixture<ServiceFixture<VolunteersDbContext>>
{
    private readonly VolunteersScenario _scenario = new(fixture.Host);

    [Fact]
    public async Task Transactions_locking_overlapping_keys_wait_for_each_other_and_others_do_not()
    {
        var (first, shared, second, unrelated) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using var a = fixture.Host.Services.CreateAsyncScope();
        await using var b = fixture.Host.Services.CreateAsyncScope();
        await using var c = fixture.Host.Services.CreateAsyncScope();
        var (dbA, dbB, dbC) = (Db(a), Db(b), Db(c));

        await using var holding = await dbA.Database.BeginTransactionAsync();
        await dbA.Database.LockForTransactionAsync("test", [first, shared], CancellationToken.None);

        await using var waiting = await dbB.Database.BeginTransactionAsync();
        var blocked = dbB.Database.LockForTransactionAsync("test", [second, shared], CancellationToken.None);
        await using var free = await dbC.Database.BeginTransactionAsync();
        await dbC.Database.LockForTransactionAsync("test", [unrelated], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(blocked.IsCompleted, "the second transaction waits for the key the first holds");

        await holding.CommitAsync();
        await blocked.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Throws<InvalidOperationException>(() => dbA.Database.LockForTransactionAsync("test", [first], CancellationToken.None).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task A_burst_of_completions_and_their_copies_credits_each_session_once_without_a_failed_batch()
    {
        using var metrics = new MetricReader(fixture.Host.Services);
        var volunteers = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            volunteers.Add(await _scenario.AdultAsync($"楼组长 {i}号", "resident-volunteer", ["smartphone-tutoring"]));
        }

        var at = DateTimeOffset.UtcNow;
        var completions = Enumerable.Range(0, 150).Select(i => new SessionCompleted(Guid.NewGuid(), Guid.NewGuid(), "class", at.AddHours(-2), at.AddHours(-1), 8,
            [new VolunteerServed(volunteers[i % volunteers.Count], Guid.NewGuid(), 30)], at)).ToList();
        // Every completion twice, each copy under a new message id, interleaved so copies fall into different batches.
        var bus = fixture.Host.Services.GetRequiredService<IBus>();
        await Task.WhenAll(completions.Concat(completions.AsEnumerable().Reverse()).Select(c => bus.Publish(c)));

        var sessions = completions.Select(c => c.SessionId).ToList();
        await Eventually.True(async () => await CreditsAsync(sessions) == completions.Count, TimeSpan.FromSeconds(60), "every session credited");
        await Eventually.True(() => Task.FromResult(metrics.Sum("community.consumer.messages", ("consumer", "SessionCompletedConsumer")) == 2 * completions.Count),
            TimeSpan.FromSeconds(30), "every copy consumed");
        Assert.Equal(completions.Count, await CreditsAsync(sessions));
        Assert.Equal(0, metrics.Sum("community.consumer.failures", ("consumer", "SessionCompletedConsumer")));
    }

    private Task<int> CreditsAsync(IReadOnlyList<Guid> sessions) => fixture.Host.WithScope(s =>
        s.GetRequiredService<VolunteersDbContext>().ServiceHours.CountAsync(h => sessions.Contains(h.SourceId)));

    private static VolunteersDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<VolunteersDbContext>();
}
