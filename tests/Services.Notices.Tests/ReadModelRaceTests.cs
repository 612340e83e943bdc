using Community.Contracts;
using Community.ServiceDefaults.Privacy;
using Community.Services.Notices.Data;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Notices.Tests;

/// <summary>
/// Grid's and Volunteers' announcements about one row of Notices' copies, consumed side by side (<see cref="HeldRows"/>):
/// the newer stands whichever commits last. Without the consumers' row locks an older one committing last wrote its
/// state back, and a notice went to the old building's grid team, a team member who had left, or a former account.
/// </summary>
public sealed class ReadModelRaceTests(DaytimeFixture fixture) : IClassFixture<DaytimeFixture>
{
    private const int Rows = 5;
    private static readonly DateTimeOffset Then = DateTimeOffset.UtcNow.AddHours(-1);

    private IServiceProvider Services => fixture.Host.Services;

    private Task<List<T>> ReadAsync<T>(Func<NoticesDbContext, IQueryable<T>> query) where T : class =>
        fixture.Host.WithScope(s => query(s.GetRequiredService<NoticesDbContext>()).AsNoTracking().ToListAsync());

    [Fact]
    public async Task A_resident_recorded_again_keeps_the_newer_record()
    {
        var residents = Enumerable.Range(0, Rows).Select(_ => Guid.NewGuid()).ToArray();
        var (household, oldBuilding, newBuilding) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        ResidentRecorded Record(Guid id, string name, Guid building, int minutes) =>
            new(id, household, name, 1950, null, null, Then.AddMinutes(minutes), building);
        await HeldRows.ConsumeAsync<NoticesDbContext>(Services, nameof(ResidentRecorded), Rows,
            bus => Task.WhenAll(residents.Select(id => bus.Publish(Record(id, "王阿姨", oldBuilding, 0)))));

        await HeldRows.RaceAsync<NoticesDbContext>(Services,
            $"SELECT 1 FROM known_residents WHERE resident_id = ANY({residents}) FOR UPDATE",
            newer: b => Task.WhenAll(residents.Select(id => b.Publish(Record(id, "王阿姨 (moved)", newBuilding, 5)))),
            older: b => Task.WhenAll(residents.Select(id => b.Publish(Record(id, "王阿姨 (typo)", oldBuilding, 2)))),
            nameof(ResidentRecorded), 2 * Rows);

        var rows = await ReadAsync(db => db.KnownResidents.Where(r => residents.Contains(r.ResidentId)));
        Assert.Equal(Rows, rows.Count);
        Assert.All(rows, r => Assert.Equal(("王阿姨 (moved)", newBuilding, Then.AddMinutes(5).UtcTicks / 10), (r.Name, r.BuildingId, r.RecordedAt.UtcTicks / 10)));
    }

    [Fact]
    public async Task A_volunteer_linked_again_keeps_the_newer_account()
    {
        var volunteers = Enumerable.Range(0, Rows).Select(_ => Guid.NewGuid()).ToArray();
        var (first, newer, older) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await HeldRows.ConsumeAsync<NoticesDbContext>(Services, nameof(VolunteerAccountLinked), Rows,
            bus => Task.WhenAll(volunteers.Select(id => bus.Publish(new VolunteerAccountLinked(id, first, Then)))));

        await HeldRows.RaceAsync<NoticesDbContext>(Services,
            $"SELECT 1 FROM volunteer_accounts WHERE volunteer_id = ANY({volunteers}) FOR UPDATE",
            newer: b => Task.WhenAll(volunteers.Select(id => b.Publish(new VolunteerAccountLinked(id, newer, Then.AddMinutes(5))))),
            older: b => Task.WhenAll(volunteers.Select(id => b.Publish(new VolunteerAccountLinked(id, older, Then.AddMinutes(2))))),
            nameof(VolunteerAccountLinked), 2 * Rows);

        var rows = await ReadAsync(db => db.VolunteerAccounts.Where(l => volunteers.Contains(l.VolunteerId)));
        Assert.Equal(Rows, rows.Count);
        Assert.All(rows, l => Assert.Equal((newer, Then.AddMinutes(5).UtcTicks / 10), (l.AccountId, l.LinkedAt.UtcTicks / 10)));
    }

    [Fact]
    public async Task A_grid_team_member_who_left_stays_gone_when_an_older_joining_arrives()
    {
        var grid = Guid.NewGuid();
        var volunteers = Enumerable.Range(0, Rows).Select(_ => Guid.NewGuid()).ToArray();
        await HeldRows.ConsumeAsync<NoticesDbContext>(Services, nameof(GridTeamChanged), Rows,
            bus => Task.WhenAll(volunteers.Select(id => bus.Publish(new GridTeamChanged(grid, id, "member", "joined", Then)))));

        await HeldRows.RaceAsync<NoticesDbContext>(Services,
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
        await HeldRows.ConsumeAsync<NoticesDbContext>(Services, nameof(GridBuildingsChanged), Rows,
            bus => Task.WhenAll(buildings.Select(b => bus.Publish(new GridBuildingsChanged(b.From, [b.Building], Then)))));

        await HeldRows.RaceAsync<NoticesDbContext>(Services,
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
            await HeldRows.ConsumeAsync<NoticesDbContext>(Services, nameof(GridBuildingsChanged), 1,
                bus => bus.Publish(new GridBuildingsChanged(grid, buildings, Then.AddMinutes(minute))));
        }

        return [.. (await ReadAsync(db => db.BuildingGrids.Where(r => r.GridId == grid))).Select(r => r.BuildingId).Order()];
    }

    [Fact]
    public async Task An_erased_account_is_not_linked_again_by_a_link_announced_before_the_request()
    {
        var (volunteer, account) = (Guid.NewGuid(), Guid.NewGuid());
        await HeldRows.ConsumeAsync<NoticesDbContext>(Services, nameof(VolunteerAccountLinked), 1,
            bus => bus.Publish(new VolunteerAccountLinked(volunteer, account, Then)));
        await HeldRows.ConsumeAsync<NoticesDbContext>(Services, nameof(PersonErasureRequested), 1,
            bus => bus.Publish(new PersonErasureRequested(Guid.NewGuid(), account, Then.AddMinutes(5))));
        // The same link, announced before she asked (minute 2), arriving after the erasure.
        await HeldRows.ConsumeAsync<NoticesDbContext>(Services, nameof(VolunteerAccountLinked), 1,
            bus => bus.Publish(new VolunteerAccountLinked(volunteer, account, Then.AddMinutes(2))));

        var link = (await ReadAsync(db => db.VolunteerAccounts.Where(l => l.VolunteerId == volunteer))).Single();
        Assert.Equal(((Guid?)null, Then.AddMinutes(5).UtcTicks / 10), (link.AccountId, link.LinkedAt.UtcTicks / 10));
    }

    [Fact]
    public async Task A_link_announced_before_an_erasure_leads_nowhere_even_when_notices_never_had_one()
    {
        var (volunteer, account) = (Guid.NewGuid(), Guid.NewGuid());
        await HeldRows.ConsumeAsync<NoticesDbContext>(Services, nameof(PersonErasureRequested), 1,
            bus => bus.Publish(new PersonErasureRequested(Guid.NewGuid(), account, Then.AddMinutes(5))));
        await HeldRows.ConsumeAsync<NoticesDbContext>(Services, nameof(VolunteerAccountLinked), 1,
            bus => bus.Publish(new VolunteerAccountLinked(volunteer, account, Then.AddMinutes(2))));

        var link = (await ReadAsync(db => db.VolunteerAccounts.Where(l => l.VolunteerId == volunteer))).Single();
        Assert.Equal(((Guid?)null, Then.AddMinutes(5).UtcTicks / 10), (link.AccountId, link.LinkedAt.UtcTicks / 10));
    }

    [Fact]
    public async Task A_session_moved_twice_keeps_the_newer_time_whichever_move_commits_last()
    {
        var sessions = Enumerable.Range(0, Rows).Select(_ => Guid.NewGuid()).ToArray();
        var (first, older, newer) = (DateTimeOffset.UtcNow.AddDays(10), DateTimeOffset.UtcNow.AddDays(11), DateTimeOffset.UtcNow.AddDays(12));
        var (olderAt, newerAt) = (DateTimeOffset.UtcNow.AddMinutes(2), DateTimeOffset.UtcNow.AddMinutes(5));
        await HeldRows.ConsumeAsync<NoticesDbContext>(Services, nameof(SessionScheduled), Rows,
            bus => Task.WhenAll(sessions.Select(id => bus.Publish(new SessionScheduled(id, Guid.NewGuid(), Guid.NewGuid(), "health", "all", first, first.AddHours(1), 20)))));

        await HeldRows.RaceAsync<NoticesDbContext>(Services,
            $"SELECT 1 FROM tracked_sessions WHERE session_id = ANY({sessions}) FOR UPDATE",
            newer: b => Task.WhenAll(sessions.Select(id => b.Publish(new SessionMoved(id, Guid.NewGuid(), older, newer, newer.AddHours(1), newerAt)))),
            older: b => Task.WhenAll(sessions.Select(id => b.Publish(new SessionMoved(id, Guid.NewGuid(), first, older, older.AddHours(1), olderAt)))),
            nameof(SessionMoved), 2 * Rows);

        var rows = await ReadAsync(db => db.Sessions.Where(x => sessions.Contains(x.SessionId)));
        Assert.Equal(Rows, rows.Count);
        Assert.All(rows, x => Assert.Equal((newer.UtcTicks / 10, newerAt.UtcTicks / 10), (x.StartsAt.UtcTicks / 10, x.ChangedAt.UtcTicks / 10)));
    }

    [Fact]
    public async Task An_erasure_consumed_beside_an_older_record_of_the_resident_stands()
    {
        var people = Enumerable.Range(0, Rows).Select(_ => (Resident: Guid.NewGuid(), Account: Guid.NewGuid())).ToArray();
        var residents = people.Select(p => p.Resident).ToArray();
        var (household, building) = (Guid.NewGuid(), Guid.NewGuid());
        ResidentRecorded Record((Guid Resident, Guid Account) p, int minutes) => new(p.Resident, household, "赵奶奶", 1940, null, p.Account, Then.AddMinutes(minutes), building);
        await HeldRows.ConsumeAsync<NoticesDbContext>(Services, nameof(ResidentRecorded), Rows,
            bus => Task.WhenAll(people.Select(p => bus.Publish(Record(p, 0)))));

        // Her erasure (minute 5) and a record announced before she asked (minute 2), consumed side by side.
        var erasuresBefore = await HeldRows.CountAsync<NoticesDbContext>(Services, nameof(PersonErasureRequested));
        await HeldRows.RaceAsync<NoticesDbContext>(Services,
            $"SELECT 1 FROM known_residents WHERE resident_id = ANY({residents}) FOR UPDATE",
            newer: b => Task.WhenAll(people.Select(p => b.Publish(new PersonErasureRequested(Guid.NewGuid(), p.Account, Then.AddMinutes(5))))),
            older: b => Task.WhenAll(people.Select(p => b.Publish(Record(p, 2)))),
            nameof(ResidentRecorded), Rows);
        await HeldRows.ConsumedAsync<NoticesDbContext>(Services, nameof(PersonErasureRequested), erasuresBefore + Rows);

        var rows = await ReadAsync(db => db.KnownResidents.Where(r => residents.Contains(r.ResidentId)));
        Assert.Equal(Rows, rows.Count);
        Assert.All(rows, r => Assert.Equal((Erased.Name, (Guid?)null, (Guid?)null, Then.AddMinutes(5).UtcTicks / 10),
            (r.Name, r.AccountId, r.BuildingId, r.RecordedAt.UtcTicks / 10)));
    }

    [Fact]
    public async Task An_erasure_arriving_after_grid_announced_her_record_unlinked_still_finds_her()
    {
        var (resident, household, account) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await HeldRows.ConsumeAsync<NoticesDbContext>(Services, nameof(ResidentRecorded), 1, bus => bus.Publish(new ResidentRecorded(resident, household, "赵奶奶", 1940, null, account, Then.AddMinutes(0), Guid.NewGuid())));
        // Grid's own erasure announces her record with no account (minute 10); this service's request (minute 5) comes after.
        await HeldRows.ConsumeAsync<NoticesDbContext>(Services, nameof(ResidentRecorded), 1,
            bus => bus.Publish(new ResidentRecorded(resident, household, "已注销", 1940, null, null, Then.AddMinutes(10), Guid.NewGuid()) with { MovedOutAt = Then.AddMinutes(10) }));
        var request = Guid.NewGuid();
        await HeldRows.ConsumeAsync<NoticesDbContext>(Services, nameof(PersonErasureRequested), 1,
            bus => bus.Publish(new PersonErasureRequested(request, account, Then.AddMinutes(5))));

        // Before, the request looked her up by the account alone, found nobody and erased nothing of hers.
        var row = Assert.Single(await ReadAsync(db => db.KnownResidents.Where(r => r.ResidentId == resident)));
        Assert.Equal((Erased.Name, (Guid?)null, (Guid?)null, Then.AddMinutes(10).UtcTicks / 10), (row.Name, row.AccountId, row.UnlinkedAccountId, row.RecordedAt.UtcTicks / 10));
        var answers = await fixture.Host.WithScope(s => s.GetRequiredService<NoticesDbContext>().OutboxMessages
            .Where(m => m.MessageType.Contains(nameof(PersonDataErased))).Select(m => m.Payload).ToListAsync());
        var answer = answers.Select(a => System.Text.Json.JsonSerializer.Deserialize<PersonDataErased>(a, System.Text.Json.JsonSerializerOptions.Web)!).Single(a => a.RequestId == request);
        Assert.True(answer.Records >= 1);
    }
}
