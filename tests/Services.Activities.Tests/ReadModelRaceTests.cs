using Community.Contracts;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.ServiceDefaults.Privacy;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Activities.Tests;

/// <summary>
/// Grid's and Volunteers' announcements about one row of Activities' copies, consumed side by side
/// (<see cref="HeldRows"/>): the newer stands whichever commits last. Without the row locks an older change committing
/// last overwrote the newer one's columns, leaving a row that matched no announcement: a newer withdrawal of consent so
/// overwritten would let someone act without it; an older record would bring back a household or account the person left.
/// </summary>
public sealed class ReadModelRaceTests(ServiceFixture<ActivitiesDbContext> fixture) : IClassFixture<ServiceFixture<ActivitiesDbContext>>
{
    private const int Rows = 5;
    private static readonly DateTimeOffset Then = DateTimeOffset.UtcNow.AddHours(-1);

    private IServiceProvider Services => fixture.Host.Services;

    private Task<List<T>> ReadAsync<T>(Func<ActivitiesDbContext, IQueryable<T>> query) where T : class =>
        fixture.Host.WithScope(s => query(s.GetRequiredService<ActivitiesDbContext>()).AsNoTracking().ToListAsync());

    [Fact]
    public async Task A_withdrawal_consumed_beside_an_older_change_stands_as_announced()
    {
        var (resident, actor) = (Guid.NewGuid(), Guid.NewGuid());
        var withdrawn = Then.AddMinutes(5);
        var consents = Enumerable.Range(0, Rows).Select(_ => Guid.NewGuid()).ToArray();
        await HeldRows.ConsumeAsync<ActivitiesDbContext>(Services, nameof(ActingConsentChanged), Rows,
            bus => Task.WhenAll(consents.Select(id => bus.Publish(new ActingConsentChanged(id, resident, actor, "activities", Then.AddDays(30), null, Then)))));

        await HeldRows.RaceAsync<ActivitiesDbContext>(Services,
            $"SELECT 1 FROM acting_consents WHERE consent_id = ANY({consents}) FOR UPDATE",
            newer: b => Task.WhenAll(consents.Select(id => b.Publish(new ActingConsentChanged(id, resident, actor, "activities", Then.AddDays(30), withdrawn, withdrawn)))),
            older: b => Task.WhenAll(consents.Select(id => b.Publish(new ActingConsentChanged(id, resident, actor, "activities", Then.AddDays(60), null, Then.AddMinutes(2))))),
            nameof(ActingConsentChanged), 2 * Rows);

        // Each row is the withdrawal as announced, not a mix with the older extension (EF writes only the columns it changed).
        var rows = await ReadAsync(db => db.ActingConsents.Where(c => consents.Contains(c.ConsentId)));
        Assert.Equal(Rows, rows.Count);
        Assert.All(rows, c => Assert.Equal((true, Then.AddDays(30).UtcTicks / 10, withdrawn.UtcTicks / 10),
            (c.WithdrawnAt is not null, c.ValidUntil.UtcTicks / 10, c.ChangedAt.UtcTicks / 10)));
    }

    [Fact]
    public async Task A_resident_recorded_again_keeps_the_newer_record()
    {
        var residents = Enumerable.Range(0, Rows).Select(_ => Guid.NewGuid()).ToArray();
        var (oldHousehold, newHousehold, account) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        ResidentRecorded Record(Guid id, Guid household, Guid? accountId, int minutes) =>
            new(id, household, "李伯伯", 1948, null, accountId, Then.AddMinutes(minutes));
        await HeldRows.ConsumeAsync<ActivitiesDbContext>(Services, nameof(ResidentRecorded), Rows,
            bus => Task.WhenAll(residents.Select(id => bus.Publish(Record(id, oldHousehold, null, 0)))));

        await HeldRows.RaceAsync<ActivitiesDbContext>(Services,
            $"SELECT 1 FROM known_residents WHERE resident_id = ANY({residents}) FOR UPDATE",
            newer: b => Task.WhenAll(residents.Select(id => b.Publish(Record(id, newHousehold, account, 5)))),
            older: b => Task.WhenAll(residents.Select(id => b.Publish(Record(id, oldHousehold, null, 2)))),
            nameof(ResidentRecorded), 2 * Rows);

        var rows = await ReadAsync(db => db.KnownResidents.Where(r => residents.Contains(r.ResidentId)));
        Assert.Equal(Rows, rows.Count);
        Assert.All(rows, r => Assert.Equal((newHousehold, (Guid?)account, Then.AddMinutes(5).UtcTicks / 10),
            (r.HouseholdId, r.AccountId, r.RecordedAt.UtcTicks / 10)));
    }

    [Fact]
    public async Task A_volunteer_linked_again_keeps_the_newer_account()
    {
        var volunteers = Enumerable.Range(0, Rows).Select(_ => Guid.NewGuid()).ToArray();
        var (first, newer, older) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await HeldRows.ConsumeAsync<ActivitiesDbContext>(Services, nameof(VolunteerAccountLinked), Rows,
            bus => Task.WhenAll(volunteers.Select(id => bus.Publish(new VolunteerAccountLinked(id, first, Then)))));

        await HeldRows.RaceAsync<ActivitiesDbContext>(Services,
            $"SELECT 1 FROM volunteer_accounts WHERE volunteer_id = ANY({volunteers}) FOR UPDATE",
            newer: b => Task.WhenAll(volunteers.Select(id => b.Publish(new VolunteerAccountLinked(id, newer, Then.AddMinutes(5))))),
            older: b => Task.WhenAll(volunteers.Select(id => b.Publish(new VolunteerAccountLinked(id, older, Then.AddMinutes(2))))),
            nameof(VolunteerAccountLinked), 2 * Rows);

        var rows = await ReadAsync(db => db.VolunteerAccounts.Where(l => volunteers.Contains(l.VolunteerId)));
        Assert.Equal(Rows, rows.Count);
        Assert.All(rows, l => Assert.Equal((newer, Then.AddMinutes(5).UtcTicks / 10), (l.AccountId, l.LinkedAt.UtcTicks / 10)));
    }

    [Fact]
    public async Task A_new_offer_told_by_its_grid_team_is_not_held_again_by_its_calls_opening_arriving_beside_it()
    {
        // Offers to residents without the app, whose earlier offer's call was made (handled) a while ago.
        var holds = Enumerable.Range(0, Rows).Select(_ => (Registration: Guid.NewGuid(), Entry: Guid.NewGuid())).ToArray();
        var registrations = holds.Select(h => h.Registration).ToArray();
        var (earlier, opened, told) = (DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(-1));
        await fixture.Host.WithScope(async s =>
        {
            var db = s.GetRequiredService<ActivitiesDbContext>();
            db.OfferCallHolds.AddRange(registrations.Select(r => new OfferCallHold { RegistrationId = r, EntryId = Guid.NewGuid(), ChangedAt = earlier }));
            return await db.SaveChangesAsync();
        });

        // The new offer's entry: the team's "told" and its opening, consumed side by side. The told must stand, in
        // either order: without the row lock the opening, read before the told committed, wrote the hold back to waiting.
        var handledBefore = await HeldRows.CountAsync<ActivitiesDbContext>(Services, nameof(CallListEntryHandled));
        await HeldRows.RaceAsync<ActivitiesDbContext>(Services,
            $"SELECT 1 FROM offer_call_holds WHERE registration_id = ANY({registrations}) FOR UPDATE",
            newer: b => Task.WhenAll(holds.Select(h => b.Publish(new CallListEntryHandled(h.Entry, Guid.NewGuid(), h.Registration, "told", told)))),
            older: b => Task.WhenAll(holds.Select(h => b.Publish(
                new CallListEntryOpened(h.Entry, Guid.NewGuid(), Guid.NewGuid(), "offer", h.Registration, null, opened)))),
            nameof(CallListEntryOpened), Rows);
        await HeldRows.ConsumedAsync<ActivitiesDbContext>(Services, nameof(CallListEntryHandled), handledBefore + Rows);

        var rows = await ReadAsync(db => db.OfferCallHolds.Where(h => registrations.Contains(h.RegistrationId)));
        Assert.Equal(Rows, rows.Count);
        Assert.All(rows, h => Assert.Equal((holds.Single(x => x.Registration == h.RegistrationId).Entry, false, (told + OfferCallHold.Grace).UtcTicks / 10),
            (h.EntryId, h.Pending, h.OpenUntil?.UtcTicks / 10 ?? 0)));
    }

    [Fact]
    public async Task An_erasure_consumed_beside_an_older_record_of_the_resident_stands()
    {
        var people = Enumerable.Range(0, Rows).Select(_ => (Resident: Guid.NewGuid(), Account: Guid.NewGuid())).ToArray();
        var residents = people.Select(p => p.Resident).ToArray();
        var household = Guid.NewGuid();
        ResidentRecorded Record((Guid Resident, Guid Account) p, int minutes) => new(p.Resident, household, "赵奶奶", 1940, null, p.Account, Then.AddMinutes(minutes));
        await HeldRows.ConsumeAsync<ActivitiesDbContext>(Services, nameof(ResidentRecorded), Rows,
            bus => Task.WhenAll(people.Select(p => bus.Publish(Record(p, 0)))));

        // Her erasure (minute 5) and a record announced before she asked (minute 2), consumed side by side. Without the
        // record's row lock, the record read the row before the erasure committed and wrote its own time (minute 2)
        // over the erasure's: any record announced between minute 2 and her request would then bring her name back.
        var erasuresBefore = await HeldRows.CountAsync<ActivitiesDbContext>(Services, nameof(PersonErasureRequested));
        await HeldRows.RaceAsync<ActivitiesDbContext>(Services,
            $"SELECT 1 FROM known_residents WHERE resident_id = ANY({residents}) FOR UPDATE",
            newer: b => Task.WhenAll(people.Select(p => b.Publish(new PersonErasureRequested(Guid.NewGuid(), p.Account, Then.AddMinutes(5))))),
            older: b => Task.WhenAll(people.Select(p => b.Publish(Record(p, 2)))),
            nameof(ResidentRecorded), Rows);
        await HeldRows.ConsumedAsync<ActivitiesDbContext>(Services, nameof(PersonErasureRequested), erasuresBefore + Rows);

        var rows = await ReadAsync(db => db.KnownResidents.Where(r => residents.Contains(r.ResidentId)));
        Assert.Equal(Rows, rows.Count);
        Assert.All(rows, r => Assert.Equal((Erased.Name, (Guid?)null, true, Then.AddMinutes(5).UtcTicks / 10),
            (r.Name, r.AccountId, r.MovedOutAt is not null, r.RecordedAt.UtcTicks / 10)));
    }

    [Fact]
    public async Task An_erasure_arriving_after_grid_announced_her_record_unlinked_still_finds_her()
    {
        var (resident, household, account) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await HeldRows.ConsumeAsync<ActivitiesDbContext>(Services, nameof(ResidentRecorded), 1, bus => bus.Publish(new ResidentRecorded(resident, household, "赵奶奶", 1940, null, account, Then.AddMinutes(0))));
        // Grid's own erasure announces her record with no account (minute 10); this service's request (minute 5) comes after.
        await HeldRows.ConsumeAsync<ActivitiesDbContext>(Services, nameof(ResidentRecorded), 1,
            bus => bus.Publish(new ResidentRecorded(resident, household, "已注销", 1940, null, null, Then.AddMinutes(10)) with { MovedOutAt = Then.AddMinutes(10) }));
        var request = Guid.NewGuid();
        await HeldRows.ConsumeAsync<ActivitiesDbContext>(Services, nameof(PersonErasureRequested), 1,
            bus => bus.Publish(new PersonErasureRequested(request, account, Then.AddMinutes(5))));

        // Before, the request looked her up by the account alone, found nobody and erased nothing of hers.
        var row = Assert.Single(await ReadAsync(db => db.KnownResidents.Where(r => r.ResidentId == resident)));
        Assert.Equal((Erased.Name, (Guid?)null, (Guid?)null, Then.AddMinutes(10).UtcTicks / 10), (row.Name, row.AccountId, row.UnlinkedAccountId, row.RecordedAt.UtcTicks / 10));
        var answers = await fixture.Host.WithScope(s => s.GetRequiredService<ActivitiesDbContext>().OutboxMessages
            .Where(m => m.MessageType.Contains(nameof(PersonDataErased))).Select(m => m.Payload).ToListAsync());
        var answer = answers.Select(a => System.Text.Json.JsonSerializer.Deserialize<PersonDataErased>(a, System.Text.Json.JsonSerializerOptions.Web)!).Single(a => a.RequestId == request);
        Assert.True(answer.Records >= 1);
    }
}
