using Community.Contracts;
using Community.Services.Grid.Data;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Grid.Tests;

/// <summary>
/// Volunteers' announcements of whose account a volunteer record is, consumed side by side (<see cref="HeldRows"/>):
/// the newer link stands whichever commits last. Without the row lock an older link committing last gave the volunteer's
/// requests and visits to an account that is no longer theirs.
/// </summary>
public sealed class ReadModelRaceTests(ServiceFixture<GridDbContext> fixture) : IClassFixture<ServiceFixture<GridDbContext>>
{
    private const int Rows = 5;
    private static readonly DateTimeOffset Then = DateTimeOffset.UtcNow.AddHours(-1);

    [Fact]
    public async Task A_volunteer_linked_again_keeps_the_newer_account()
    {
        var services = fixture.Host.Services;
        var volunteers = Enumerable.Range(0, Rows).Select(_ => Guid.NewGuid()).ToArray();
        var (first, newer, older) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await HeldRows.ConsumeAsync<GridDbContext>(services, nameof(VolunteerAccountLinked), Rows,
            bus => Task.WhenAll(volunteers.Select(id => bus.Publish(new VolunteerAccountLinked(id, first, Then)))));

        await HeldRows.RaceAsync<GridDbContext>(services,
            $"SELECT 1 FROM volunteer_accounts WHERE volunteer_id = ANY({volunteers}) FOR UPDATE",
            newer: b => Task.WhenAll(volunteers.Select(id => b.Publish(new VolunteerAccountLinked(id, newer, Then.AddMinutes(5))))),
            older: b => Task.WhenAll(volunteers.Select(id => b.Publish(new VolunteerAccountLinked(id, older, Then.AddMinutes(2))))),
            nameof(VolunteerAccountLinked), 2 * Rows);

        var rows = await fixture.Host.WithScope(s => s.GetRequiredService<GridDbContext>().VolunteerAccounts.AsNoTracking()
            .Where(l => volunteers.Contains(l.VolunteerId)).ToListAsync());
        Assert.Equal(Rows, rows.Count);
        Assert.All(rows, l => Assert.Equal((newer, Then.AddMinutes(5).UtcTicks / 10), (l.AccountId, l.LinkedAt.UtcTicks / 10)));
    }
}
