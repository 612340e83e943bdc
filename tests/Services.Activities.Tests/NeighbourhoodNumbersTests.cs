using System.Net.Http.Json;
using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.Services.Activities.Data;
using Community.Services.Activities.People;
using Community.Services.Activities.Registrations;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Activities.Tests;

/// <summary>The calendar's numbers on the dashboard, read as an exporter reads them, from the service's own meter.</summary>
public sealed class NeighbourhoodNumbersTests(ShortOffersFixture fixture) : IClassFixture<ShortOffersFixture>
{
    [Fact]
    public async Task Registrations_waitlistings_offers_made_and_expired_are_counted_once_each_as_they_commit()
    {
        using var metrics = new MetricReader(fixture.Host.Services);
        var scenario = new ActivitiesScenario(fixture.Host);
        var sessionId = (await scenario.SeriesAsync(capacity: 1)).Sessions[0].Id;
        var (a, b, c) = (fixture.Host.ClientAs(Roles.Resident), fixture.Host.ClientAs(Roles.Resident), fixture.Host.ClientAs(Roles.Resident));
        var held = await ActivitiesScenario.RegisterAsync(a, sessionId, "A");
        await ActivitiesScenario.RegisterAsync(b, sessionId, "B");
        var patient = await ActivitiesScenario.RegisterAsync(c, sessionId, "C");

        // A cancels: B is offered the place and lets it lapse; C is offered it and accepts.
        await a.PostAsJsonAsync($"/registrations/{held.Id}/cancel", new { });
        await Eventually.True(async () => (await c.GetFromJsonAsync<RegistrationDto>($"/registrations/{patient.Id}"))!.Status == RegistrationStatus.Offered,
            TimeSpan.FromSeconds(20), "the offer to pass to C");
        (await c.PostAsync($"/registrations/{patient.Id}/accept", null)).EnsureSuccessStatusCode();

        Assert.Equal(2, metrics.Sum("community.registrations.confirmed", ("service", "activities")));
        Assert.Equal(2, metrics.Sum("community.registrations.confirmed", ("on_behalf", "false")));
        Assert.Equal(2, metrics.Sum("community.registrations.waitlisted"));
        Assert.Equal(2, metrics.Sum("community.waitlist.offers.made"));
        Assert.Equal(1, metrics.Sum("community.waitlist.offers.expired"));
        // Every event went out through the outbox, each counted as published.
        await Eventually.True(() => Task.FromResult(metrics.Sum("community.outbox.publish.attempts", ("event_type", "WaitlistOfferMade")) == 2),
            TimeSpan.FromSeconds(10), "both offers to be published");
    }

    [Fact]
    public async Task An_event_counts_only_when_its_own_transaction_commits_not_after_a_failed_save_or_an_abandoned_transaction()
    {
        using var metrics = new MetricReader(fixture.Host.Services);
        var taken = Guid.NewGuid();
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActivitiesDbContext>();
        // One connection throughout, as a pooled context often has: Npgsql then hands out the same transaction object each time.
        await db.Database.OpenConnectionAsync();
        db.KnownResidents.Add(new KnownResident { ResidentId = taken, HouseholdId = Guid.NewGuid(), Name = "已有", BirthYear = 1950, RecordedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // A save refused by the database inside a transaction (as a colliding check-in code or a second registration
        // of the same person is), the transaction then left uncommitted: nothing was confirmed.
        await using (var refused = await db.Database.BeginTransactionAsync())
        {
            db.KnownResidents.Add(new KnownResident { ResidentId = taken, HouseholdId = Guid.NewGuid(), Name = "重复", BirthYear = 1950, RecordedAt = DateTimeOffset.UtcNow });
            db.AddEvent(Confirmed(), DateTimeOffset.UtcNow);
            Assert.NotNull(await db.TrySaveChangesAsync(CancellationToken.None));
        }

        // A save that succeeded in a transaction that was then abandoned (disposed, never committed).
        await using (var abandoned = await db.Database.BeginTransactionAsync())
        {
            db.AddEvent(Confirmed(), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        db.ChangeTracker.Clear();
        Assert.Equal(0, metrics.Sum("community.registrations.confirmed"));

        // The same context's next transaction commits one: exactly one counts, not the three it was once asked to write.
        await using (var committed = await db.Database.BeginTransactionAsync())
        {
            db.AddEvent(Confirmed(), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            await committed.CommitAsync();
        }

        Assert.Equal(1, metrics.Sum("community.registrations.confirmed"));

        // And one saved outside any transaction counts as it is saved.
        db.AddEvent(Confirmed(), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        Assert.Equal(2, metrics.Sum("community.registrations.confirmed"));
    }

    private static RegistrationConfirmed Confirmed() =>
        new(Guid.NewGuid(), Guid.NewGuid(), false, DateTimeOffset.UtcNow, null, null);
}
