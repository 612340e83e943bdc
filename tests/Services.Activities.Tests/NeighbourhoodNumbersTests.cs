using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Activities.Registrations;
using Community.Testing;

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
}
