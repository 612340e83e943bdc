using Community.Contracts;
using Community.Services.Activities.Data;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Activities.Tests;

/// <summary>
/// Grid's announcements about one consent, consumed side by side: the newest wins whichever commits last. Without the
/// row lock an older change committing last overwrote the newer one's columns (its validity, its time), leaving a row
/// that matched no announcement; a newer withdrawal so overwritten would let someone act without consent.
/// </summary>
public sealed class ReadModelRaceTests(ServiceFixture<ActivitiesDbContext> fixture) : IClassFixture<ServiceFixture<ActivitiesDbContext>>
{
    [Fact]
    public async Task A_withdrawal_consumed_beside_an_older_change_stands_as_announced()
    {
        var bus = fixture.Host.Services.GetRequiredService<IBus>();
        var (resident, actor) = (Guid.NewGuid(), Guid.NewGuid());
        var granted = DateTimeOffset.UtcNow.AddMinutes(-10);
        var withdrawn = granted.AddMinutes(5);
        var consents = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();

        // Granted, and known.
        await Task.WhenAll(consents.Select(id => bus.Publish(new ActingConsentChanged(id, resident, actor, "activities", granted.AddDays(30), null, granted))));
        await Eventually.True(() => fixture.Host.WithScope(s => s.GetRequiredService<ActivitiesDbContext>().ActingConsents
            .CountAsync(c => consents.Contains(c.ConsentId))).ContinueWith(t => t.Result == consents.Count), TimeSpan.FromSeconds(30), "every consent known");

        // While the test holds the rows, each consent's withdrawal and then an older extension arrive: both are consumed
        // side by side and wait on the rows. Released, they commit in either order; the withdrawal must stand either way.
        await using (var scope = fixture.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ActivitiesDbContext>();
            await using var holding = await db.Database.BeginTransactionAsync();
            var ids = consents.ToArray();
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM acting_consents WHERE consent_id = ANY({ids}) FOR UPDATE");
            await Task.WhenAll(consents.Select(id => bus.Publish(new ActingConsentChanged(id, resident, actor, "activities", granted.AddDays(30), withdrawn, withdrawn))));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await Task.WhenAll(consents.Select(id => bus.Publish(
                new ActingConsentChanged(id, resident, actor, "activities", granted.AddDays(60), null, granted.AddMinutes(2)))));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await holding.CommitAsync();
        }

        await Eventually.True(() => fixture.Host.WithScope(s => s.GetRequiredService<ActivitiesDbContext>().InboxMessages
            .CountAsync(m => m.MessageType == nameof(ActingConsentChanged))).ContinueWith(t => t.Result >= 3 * consents.Count), TimeSpan.FromSeconds(30),
            "every announcement consumed");
        await Task.Delay(TimeSpan.FromSeconds(2));
        // Each row is the withdrawal as announced, not a mix with the older extension (EF writes only the columns it changed).
        var rows = await fixture.Host.WithScope(s => s.GetRequiredService<ActivitiesDbContext>().ActingConsents.AsNoTracking()
            .Where(c => consents.Contains(c.ConsentId)).ToListAsync());
        Assert.All(rows, c => Assert.Equal((true, granted.AddDays(30).UtcTicks / 10, withdrawn.UtcTicks / 10),
            (c.WithdrawnAt is not null, c.ValidUntil.UtcTicks / 10, c.ChangedAt.UtcTicks / 10)));
    }
}
