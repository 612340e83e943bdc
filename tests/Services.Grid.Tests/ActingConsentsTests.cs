using System.Net;
using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Consents;
using Community.Services.Grid.Data;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Grid.Tests;

/// <summary>Consents to act on a resident's behalf: who records, sees and withdraws them, and that each change is announced.</summary>
public sealed class ActingConsentsTests(ServiceFixture<GridDbContext> fixture) : IClassFixture<ServiceFixture<GridDbContext>>
{
    private readonly GridScenario _scenario = new(fixture.Host);

    private static object Consent(Guid actor, DateTimeOffset? until = null, string? how = "在服务站签字", string purpose = "activities") =>
        new { actorAccountId = actor, purpose, givenHow = how, validUntil = until ?? DateTimeOffset.UtcNow.AddDays(90) };

    [Fact]
    public async Task A_resident_consents_that_their_grid_worker_may_act_for_them_sees_it_and_withdraws_it()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var (_, elder) = await _scenario.HouseholdAsync(building);
        var (_, otherBuilding, otherSecretary) = await _scenario.GridAsync();
        var (_, neighbour) = await _scenario.HouseholdAsync(otherBuilding, "13900004444");
        var worker = GridScenario.AccountOf(secretary);
        var team = _scenario.As(secretary, Roles.GridWorker);
        var self = _scenario.As(elder, Roles.Resident);

        // Bad input, each a 400 naming the field; the wrong people, 403.
        var bad = new[]
        {
            Consent(worker, until: DateTimeOffset.UtcNow.AddMinutes(-1)), Consent(worker, until: DateTimeOffset.UtcNow.AddDays(400)),
            Consent(worker, how: null), Consent(worker, purpose: "everything"), Consent(GridScenario.AccountOf(elder)), new { purpose = "activities" },
        };
        foreach (var body in bad)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await team.PostAsJsonAsync($"/residents/{elder}/acting-consents", body)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(otherSecretary, Roles.GridWorker).PostAsJsonAsync($"/residents/{elder}/acting-consents", Consent(worker))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(neighbour, Roles.Resident).PostAsJsonAsync($"/residents/{elder}/acting-consents", Consent(worker))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await team.PostAsJsonAsync($"/residents/{Guid.NewGuid()}/acting-consents", Consent(worker))).StatusCode);

        // The team records what the elder said; the elder sees who may act for them, the worker sees it among theirs.
        var recorded = await team.PostAsJsonAsync($"/residents/{elder}/acting-consents", Consent(worker));
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var consent = (await recorded.Content.ReadFromJsonAsync<ActingConsentDto>())!;
        Assert.True(consent.Holds);
        Assert.Contains((await self.GetFromJsonAsync<List<ActingConsentDto>>($"/residents/{elder}/acting-consents"))!, c => c.Id == consent.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(neighbour, Roles.Resident).GetAsync($"/residents/{elder}/acting-consents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(otherSecretary, Roles.GridWorker).GetAsync($"/residents/{elder}/acting-consents")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await team.GetAsync($"/residents/{Guid.NewGuid()}/acting-consents")).StatusCode);
        Assert.Contains((await team.GetFromJsonAsync<List<ActingConsentDto>>("/acting-consents/mine"))!, c => c.Id == consent.Id);

        // Recording it again renews it: one stands, the old one ended as renewed.
        var renewed = (await (await self.PostAsJsonAsync($"/residents/{elder}/acting-consents", Consent(worker, until: DateTimeOffset.UtcNow.AddDays(180))))
            .Content.ReadFromJsonAsync<ActingConsentDto>())!;
        var all = (await self.GetFromJsonAsync<List<ActingConsentDto>>($"/residents/{elder}/acting-consents"))!;
        Assert.Equal([renewed.Id], all.Where(c => c.Holds).Select(c => c.Id));
        Assert.Equal("renewed", all.Single(c => c.Id == consent.Id).WithdrawnBy);

        // The elder withdraws it; it no longer holds, and withdrawing twice is a conflict.
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(neighbour, Roles.Resident).PostAsync($"/acting-consents/{renewed.Id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(otherSecretary, Roles.GridWorker).PostAsync($"/acting-consents/{renewed.Id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await self.PostAsync($"/acting-consents/{Guid.NewGuid()}/withdraw", null)).StatusCode);
        var withdrawn = await self.PostAsync($"/acting-consents/{renewed.Id}/withdraw", null);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.False((await withdrawn.Content.ReadFromJsonAsync<ActingConsentDto>())!.Holds);
        Assert.Equal(HttpStatusCode.Conflict, (await self.PostAsync($"/acting-consents/{renewed.Id}/withdraw", null)).StatusCode);
        Assert.DoesNotContain((await team.GetFromJsonAsync<List<ActingConsentDto>>("/acting-consents/mine"))!, c => c.ResidentId == elder);

        // Each change went out for the services that act on someone's behalf: recorded, renewed (old ended, new), withdrawn.
        var announced = await fixture.Host.WithScope(async s => await s.GetRequiredService<GridDbContext>().OutboxMessages
            .Where(m => m.MessageType.StartsWith("Community.Contracts.ActingConsentChanged,")).Select(m => m.Payload).ToListAsync());
        Assert.Equal(4, announced.Count(p => p.Contains(elder.ToString())));
    }

    [Fact]
    public async Task Consents_recorded_before_Notices_kept_a_copy_are_announced_again_as_they_stand_by_the_migration()
    {
        var (_, building, secretary) = await _scenario.GridAsync();
        var (_, elder) = await _scenario.HouseholdAsync(building);
        var self = _scenario.As(elder, Roles.Resident);
        var given = (await (await self.PostAsJsonAsync($"/residents/{elder}/acting-consents", Consent(GridScenario.AccountOf(secretary))))
            .Content.ReadFromJsonAsync<ActingConsentDto>())!;
        Assert.Equal(HttpStatusCode.OK, (await self.PostAsync($"/acting-consents/{given.Id}/withdraw", null)).StatusCode);

        // The migration's statement, run again here: the test database was migrated before this consent existed.
        var backfill = Assert.Single(new Data.Migrations.ConsentsAnnouncedAgain().UpOperations.OfType<Microsoft.EntityFrameworkCore.Migrations.Operations.SqlOperation>()).Sql;
        var (stored, again) = await fixture.Host.WithScope(async services =>
        {
            var db = services.GetRequiredService<GridDbContext>();
            async Task<List<Messaging.Outbox.OutboxMessage>> AboutAsync() =>
                [.. (await db.OutboxMessages.AsNoTracking().Where(m => m.MessageType.StartsWith("Community.Contracts.ActingConsentChanged,")).ToListAsync())
                    .Where(m => m.Payload.Contains(given.Id.ToString()))];
            var before = (await AboutAsync()).Select(m => m.Id).ToList();
            await db.Database.ExecuteSqlRawAsync(backfill);
            return (await db.ActingConsents.AsNoTracking().SingleAsync(c => c.Id == given.Id), (await AboutAsync()).Where(m => !before.Contains(m.Id)).ToList());
        });

        // One announcement more, read the way the relay reads it, saying what the consent is now: withdrawn, when.
        var row = Assert.Single(again);
        var announced = Assert.IsType<Community.Contracts.ActingConsentChanged>(row.Deserialize(row.ResolveType()));
        Assert.Equal(
            (stored.Id, stored.ResidentId, stored.ActorAccountId, stored.Purpose, stored.ValidUntil, stored.WithdrawnAt, (DateTimeOffset?)stored.WithdrawnAt),
            (announced.ConsentId, announced.ResidentId, announced.ActorAccountId, announced.Purpose, announced.ValidUntil, announced.WithdrawnAt, (DateTimeOffset?)announced.ChangedAt));
        Assert.NotNull(announced.WithdrawnAt);
    }
}
