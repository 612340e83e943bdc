using Community.Contracts;
using Community.Services.Partners.Data;
using Community.Services.Partners.Pledges;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Partners.Tests;

/// <summary>
/// Needs raised by batches side by side (two instances of Partners each translating a batch of the same reports, in
/// different orders): each batch takes the needs it raises in one order first (<see cref="NeedRaising.LockAsync"/>), so
/// the second waits for the first instead of the two holding what the other waits for until PostgreSQL aborts one.
/// </summary>
public sealed class NeedRaisingRaceTests(PartnersFixture fixture) : IClassFixture<PartnersFixture>
{
    [Fact]
    public async Task Two_batches_raising_the_same_needs_in_opposite_orders_both_commit_each_need_once()
    {
        var shifts = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray();
        var bothStarted = new Barrier(2);

        // Each batch raises its first need, waits (at most a second) for the other to have raised its own, then goes on
        // into the other's: without the locks, each then waits for a row the other holds.
        async Task RaiseAllAsync(IEnumerable<Guid> order)
        {
            await using var scope = fixture.Host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
            var needs = scope.ServiceProvider.GetRequiredService<NeedRaising>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await needs.LockAsync("volunteers", shifts, CancellationToken.None);
            var first = true;
            foreach (var shift in order)
            {
                await needs.RaiseAsync("volunteers", shift, null, "志愿者 2 名", 2, DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None);
                if (first)
                {
                    first = false;
                    await Task.Run(() => bothStarted.SignalAndWait(TimeSpan.FromSeconds(1)));
                }
            }

            await transaction.CommitAsync();
        }

        await Task.WhenAll(RaiseAllAsync(shifts), RaiseAllAsync(shifts.Reverse()));

        var raised = await fixture.Host.WithScope(s => s.GetRequiredService<PartnersDbContext>().Needs.AsNoTracking()
            .Where(n => n.Kind == "volunteers" && shifts.Contains(n.SourceId!.Value)).ToListAsync());
        Assert.Equal(shifts.Order(), raised.Select(n => n.SourceId!.Value).Order());
    }

    [Theory]
    [InlineData("volunteers")]
    [InlineData("equipment")]
    public async Task A_report_waits_for_another_batch_raising_the_same_need(string kind)
    {
        var source = Guid.NewGuid();
        object report = kind == "volunteers"
            ? new ShiftUnderstaffed(source, Guid.NewGuid(), 4, 1, DateTimeOffset.UtcNow.AddDays(1), 24, DateTimeOffset.UtcNow)
            : new EquipmentNeeded(source, "wheelchair", 1, 1, DateTimeOffset.UtcNow);
        await using (var scope = fixture.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
            await using var holding = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<NeedRaising>().LockAsync(kind, [source], CancellationToken.None);

            await fixture.Host.Services.GetRequiredService<IBus>().Publish(report);
            // Seen waiting: the consumer's transaction asks for the need's lock and is not granted it.
            await Eventually.True(async () => await AdvisoryLocksAwaitedAsync(db) > 0, TimeSpan.FromSeconds(30), "the report's batch waiting for the need");
            Assert.False(await NeedExistsAsync(kind, source), "the need was raised while another batch held it");
            await holding.CommitAsync();
        }

        await Eventually.True(() => NeedExistsAsync(kind, source), TimeSpan.FromSeconds(30), "the need raised once the other batch ended");
    }

    private static Task<int> AdvisoryLocksAwaitedAsync(PartnersDbContext db) =>
        db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()
            """).SingleAsync();

    private Task<bool> NeedExistsAsync(string kind, Guid source) =>
        fixture.Host.WithScope(s => s.GetRequiredService<PartnersDbContext>().Needs.AnyAsync(n => n.Kind == kind && n.SourceId == source));
}
