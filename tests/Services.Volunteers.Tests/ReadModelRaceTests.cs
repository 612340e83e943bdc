using Community.Contracts;
using Community.Services.Volunteers.Data;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Volunteers.Tests;

/// <summary>
/// Grid's announcements about one row of the registry's copies, consumed side by side (<see cref="HeldRows"/>): the
/// newer stands whichever commits last. Without the consumers' row locks an older one committing last wrote its state
/// back: a building matched to the grid it had left, a team member who had left offered as a supervisor.
/// </summary>
public sealed class ReadModelRaceTests(ServiceFixture<VolunteersDbContext> fixture) : IClassFixture<ServiceFixture<VolunteersDbContext>>
{
    private const int Rows = 5;
    private static readonly DateTimeOffset Then = DateTimeOffset.UtcNow.AddHours(-1);

    private IServiceProvider Services => fixture.Host.Services;

    private Task<List<T>> ReadAsync<T>(Func<VolunteersDbContext, IQueryable<T>> query) where T : class =>
        fixture.Host.WithScope(s => query(s.GetRequiredService<VolunteersDbContext>()).AsNoTracking().ToListAsync());

    [Fact]
    public async Task A_grid_team_member_who_left_stays_gone_when_an_older_joining_arrives()
    {
        var grid = Guid.NewGuid();
        var volunteers = Enumerable.Range(0, Rows).Select(_ => Guid.NewGuid()).ToArray();
        await HeldRows.ConsumeAsync<VolunteersDbContext>(Services, nameof(GridTeamChanged), Rows,
            bus => Task.WhenAll(volunteers.Select(id => bus.Publish(new GridTeamChanged(grid, id, "member", "joined", Then)))));

        await HeldRows.RaceAsync<VolunteersDbContext>(Services,
            $"SELECT 1 FROM grid_team_members WHERE grid_id = {grid} FOR UPDATE",
            newer: b => Task.WhenAll(volunteers.Select(id => b.Publish(new GridTeamChanged(grid, id, "member", "left", Then.AddMinutes(5))))),
            older: b => Task.WhenAll(volunteers.Select(id => b.Publish(new GridTeamChanged(grid, id, "member", "joined", Then.AddMinutes(2))))),
            nameof(GridTeamChanged), 2 * Rows);

        var rows = await ReadAsync(db => db.GridTeamMembers.Where(m => m.GridId == grid));
        Assert.Equal(Rows, rows.Count);
        Assert.All(rows, m => Assert.Equal((false, Then.AddMinutes(5).UtcTicks / 10), (m.Active, m.ChangedAt.UtcTicks / 10)));
    }

    [Fact]
    public async Task A_building_moved_to_another_grid_stays_there_when_an_older_map_arrives()
    {
        var buildings = Enumerable.Range(0, Rows).Select(_ => (Building: Guid.NewGuid(), From: Guid.NewGuid(), To: Guid.NewGuid())).ToArray();
        var ids = buildings.Select(b => b.Building).ToArray();
        await HeldRows.ConsumeAsync<VolunteersDbContext>(Services, nameof(GridBuildingsChanged), Rows,
            bus => Task.WhenAll(buildings.Select(b => bus.Publish(new GridBuildingsChanged(b.From, [b.Building], Then)))));

        await HeldRows.RaceAsync<VolunteersDbContext>(Services,
            $"SELECT 1 FROM building_grids WHERE building_id = ANY({ids}) FOR UPDATE",
            newer: b => Task.WhenAll(buildings.Select(x => b.Publish(new GridBuildingsChanged(x.To, [x.Building], Then.AddMinutes(5))))),
            older: b => Task.WhenAll(buildings.Select(x => b.Publish(new GridBuildingsChanged(x.From, [x.Building], Then.AddMinutes(2))))),
            nameof(GridBuildingsChanged), 2 * Rows);

        var rows = await ReadAsync(db => db.BuildingGrids.Where(r => ids.Contains(r.BuildingId)));
        Assert.Equal(Rows, rows.Count);
        Assert.All(rows, r => Assert.Equal(((Guid?)buildings.Single(b => b.Building == r.BuildingId).To, Then.AddMinutes(5).UtcTicks / 10),
            (r.GridId, r.ChangedAt.UtcTicks / 10)));
    }

    [Fact]
    public async Task A_map_of_a_grid_older_than_one_applied_changes_nothing_whenever_it_arrives()
    {
        // Each case: a grid's maps in the order they arrive (minute, buildings), then which buildings the copy puts in it.
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(new[] { a }, await GridAfterAsync(Guid.NewGuid(), (0, [a, b]), (5, [a]), (2, [a, b])));
        (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(new[] { a }, await GridAfterAsync(Guid.NewGuid(), (0, [a, b]), (3, [a]), (5, [a]), (4, [a, b])));
        // The first map arriving last, after a later one without the building: there was never a row to compare with.
        (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(new[] { a }, await GridAfterAsync(Guid.NewGuid(), (2, [a]), (1, [a, b])));

        // A building moved to another grid stays there when its old grid's earlier map arrives late.
        var (from, to) = (Guid.NewGuid(), Guid.NewGuid());
        (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await GridAfterAsync(from, (0, [a, b]));
        await GridAfterAsync(to, (5, [b]));
        Assert.Equal(new[] { a }, await GridAfterAsync(from, (5, [a]), (3, [a, b])));
        Assert.Equal(new[] { b }, await GridAfterAsync(to));
    }

    private async Task<Guid[]> GridAfterAsync(Guid grid, params (int Minute, Guid[] Buildings)[] maps)
    {
        foreach (var (minute, buildings) in maps)
        {
            await HeldRows.ConsumeAsync<VolunteersDbContext>(Services, nameof(GridBuildingsChanged), 1,
                bus => bus.Publish(new GridBuildingsChanged(grid, buildings, Then.AddMinutes(minute))));
        }

        return [.. (await ReadAsync(db => db.BuildingGrids.Where(r => r.GridId == grid))).Select(r => r.BuildingId).Order()];
    }
}
