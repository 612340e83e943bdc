using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.Contracts;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Activities.Tests;

/// <summary>With offers that last a second, so the expiry job's hand-over can be watched.</summary>
public sealed class ShortOffersFixture : ServiceFixture<ActivitiesDbContext>
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Waitlist:OfferWindow"] = "00:00:01",
        ["Waitlist:MinimumOfferWindow"] = "00:00:01",
        ["Waitlist:ExpiryCheckInterval"] = "00:00:00.200",
    };
}

public sealed class OfferExpiryTests(ShortOffersFixture fixture) : IClassFixture<ShortOffersFixture>
{
    [Fact]
    public async Task An_offer_nobody_accepts_passes_to_the_next_person_waiting()
    {
        var scenario = new ActivitiesScenario(fixture.Host);
        var series = await scenario.SeriesAsync(capacity: 1);
        var sessionId = series.Sessions[0].Id;
        var a = fixture.Host.ClientAs(Roles.Resident);
        var b = fixture.Host.ClientAs(Roles.Resident);
        var c = fixture.Host.ClientAs(Roles.Resident);
        var held = await ActivitiesScenario.RegisterAsync(a, sessionId, "A");
        var slow = await ActivitiesScenario.RegisterAsync(b, sessionId, "B");
        var next = await ActivitiesScenario.RegisterAsync(c, sessionId, "C");

        await a.PostAsJsonAsync($"/registrations/{held.Id}/cancel", new { });

        var offeredToNext = await Eventually.Get(async () =>
        {
            var registration = await c.GetFromJsonAsync<RegistrationDto>($"/registrations/{next.Id}");
            return registration!.Status == RegistrationStatus.Offered ? registration : null;
        }, TimeSpan.FromSeconds(20), "the offer to pass to C");
        var expired = await b.GetFromJsonAsync<RegistrationDto>($"/registrations/{slow.Id}");
        var lateAccept = await b.PostAsync($"/registrations/{slow.Id}/accept", null);

        Assert.Equal(RegistrationStatus.Offered, offeredToNext.Status);
        Assert.Equal(RegistrationStatus.Cancelled, expired!.Status);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, lateAccept.StatusCode);
    }
}

/// <summary>Offers to residents their grid team must tell (Notices' call list) wait for the call, by event.</summary>
public sealed class OfferCallHoldTests(ShortOffersFixture fixture) : IClassFixture<ShortOffersFixture>
{
    private IBus Bus => fixture.Host.Services.GetRequiredService<IBus>();

    private async Task<(HttpClient Waiting, RegistrationDto Offered, Guid Entry)> OfferHeldForACallAsync()
    {
        var scenario = new ActivitiesScenario(fixture.Host);
        var series = await scenario.SeriesAsync(capacity: 1);
        var sessionId = series.Sessions[0].Id;
        var a = fixture.Host.ClientAs(Roles.Resident);
        var b = fixture.Host.ClientAs(Roles.Resident);
        var held = await ActivitiesScenario.RegisterAsync(a, sessionId, "A");
        var waiting = await ActivitiesScenario.RegisterAsync(b, sessionId, "B");
        var entry = Guid.NewGuid();
        await Bus.Publish(new CallListEntryOpened(entry, Guid.NewGuid(), Guid.NewGuid(), "offer-made", waiting.Id, null, DateTimeOffset.UtcNow));
        await Eventually.True(() => fixture.Host.WithScope(services =>
            services.GetRequiredService<ActivitiesDbContext>().OfferCallHolds.AnyAsync(h => h.RegistrationId == waiting.Id)), TimeSpan.FromSeconds(20), "the hold recorded");

        await a.PostAsJsonAsync($"/registrations/{held.Id}/cancel", new { });
        await Eventually.Get(async () =>
        {
            var registration = await b.GetFromJsonAsync<RegistrationDto>($"/registrations/{waiting.Id}");
            return registration!.Status == RegistrationStatus.Offered ? registration : null;
        }, TimeSpan.FromSeconds(20), "the offer to B");
        // Well past the one-second deadline and many expiry passes: the offer is still open.
        await Task.Delay(TimeSpan.FromSeconds(2));
        return (b, (await b.GetFromJsonAsync<RegistrationDto>($"/registrations/{waiting.Id}"))!, entry);
    }

    [Fact]
    public async Task An_offer_to_an_elder_without_an_account_is_held_for_her_grid_team_from_the_start_and_anyone_she_consented_to_may_accept_it()
    {
        var scenario = new ActivitiesScenario(fixture.Host);
        var series = await scenario.SeriesAsync(capacity: 1);
        var sessionId = series.Sessions[0].Id;
        var elder = await scenario.ResidentAsync("钱阿婆", 1938);
        var (worker, colleague) = (Guid.NewGuid(), Guid.NewGuid());
        await scenario.ConsentAsync(elder, worker);
        await scenario.ConsentAsync(elder, colleague);
        var someone = fixture.Host.ClientAs(Roles.Resident);
        var held = await ActivitiesScenario.RegisterAsync(someone, sessionId, "A");
        // Her grid worker took her call and put her on the waitlist.
        var registered = await scenario.AsAccount(worker, Roles.GridWorker).PostAsJsonAsync($"/sessions/{sessionId}/registrations", new { residentId = elder });
        Assert.True(registered.StatusCode == System.Net.HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var waiting = await registered.Content.ReadFromJsonAsync<RegistrationDto>();

        await someone.PostAsJsonAsync($"/registrations/{held.Id}/cancel", new { });
        await Eventually.True(async () => (await scenario.Staff.GetFromJsonAsync<RegistrationDto>($"/registrations/{waiting!.Id}"))!.Status == RegistrationStatus.Offered,
            TimeSpan.FromSeconds(20), "the offer to her");
        // No word from Notices at all (it may be down): well past the one-second deadline the offer is still hers.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var still = await scenario.Staff.GetFromJsonAsync<RegistrationDto>($"/registrations/{waiting!.Id}");
        // His colleague, whom she also trusts, is the one who reaches her and says yes for her.
        var accepted = await scenario.AsAccount(colleague, Roles.GridWorker).PostAsync($"/registrations/{waiting.Id}/accept", null);
        var stranger = await scenario.AsAccount(Guid.NewGuid(), Roles.GridWorker).GetAsync($"/registrations/{waiting.Id}");

        Assert.Equal(RegistrationStatus.Offered, still!.Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, stranger.StatusCode);
    }

    [Fact]
    public async Task An_offer_waiting_for_a_call_does_not_lapse_until_the_team_records_they_could_not_reach_her()
    {
        var (client, offered, entry) = await OfferHeldForACallAsync();

        await Bus.Publish(new CallListEntryHandled(entry, Guid.NewGuid(), offered.Id, "unreachable", DateTimeOffset.UtcNow));
        var lapsed = await Eventually.Get(async () =>
        {
            var registration = await client.GetFromJsonAsync<RegistrationDto>($"/registrations/{offered.Id}");
            return registration!.Status == RegistrationStatus.Cancelled ? registration : null;
        }, TimeSpan.FromSeconds(20), "the offer to lapse once the team could not reach her");

        Assert.Equal(RegistrationStatus.Offered, offered.Status);
        Assert.Equal(RegistrationStatus.Cancelled, lapsed.Status);
    }

    [Fact]
    public async Task A_resident_told_after_the_deadline_can_still_accept()
    {
        var (client, offered, entry) = await OfferHeldForACallAsync();

        await Bus.Publish(new CallListEntryHandled(entry, Guid.NewGuid(), offered.Id, "told", DateTimeOffset.UtcNow));
        await Eventually.True(() => fixture.Host.WithScope(services =>
            services.GetRequiredService<ActivitiesDbContext>().OfferCallHolds.AnyAsync(h => h.RegistrationId == offered.Id && !h.Pending)), TimeSpan.FromSeconds(20), "the call recorded");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var accepted = await client.PostAsync($"/registrations/{offered.Id}/accept", null);

        Assert.Equal(RegistrationStatus.Offered, offered.Status);
        Assert.Equal(System.Net.HttpStatusCode.OK, accepted.StatusCode);
    }
}
