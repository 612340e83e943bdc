using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.Testing;

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
