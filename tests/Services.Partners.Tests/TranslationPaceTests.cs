using Community.Contracts;
using Community.Services.Partners.Data;
using Community.Services.Partners.PublicEvents;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Partners.Tests;

/// <summary>
/// The partners service with webhook attempts that may take 30 s: a partner that hangs in these tests is slow, not yet
/// failing (a failing endpoint does not count toward translation's pace at all).
/// </summary>
public sealed class PatientWebhooksFixture : PartnersFixture
{
    protected override IDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings!) { ["Partners:Webhooks:AttemptTimeout"] = "00:00:30" };
}

/// <summary>
/// Translation keeps pace with webhook delivery: it waits while the typical subscriber is behind, never for one stalled
/// partner, and goes on as soon as delivery catches up — every event translated once and delivered in the end.
/// </summary>
public sealed class TranslationPaceTests(PatientWebhooksFixture fixture) : IClassFixture<PatientWebhooksFixture>
{
    private const int Burst = 60;
    private readonly PartnersScenario _scenario = new(fixture.Host);

    [Fact]
    public async Task Translation_waits_while_most_subscribers_are_behind_but_not_for_one_stalled_partner()
    {
        var (_, partner, _) = await _scenario.PartnerAsync("体育用品店");
        var type = PublicEventCatalogue.ActivityCompleted;
        var hanging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var stalled = await WebhookReceiver.StartAsync(answerOnce: hanging.Task);
        await using var healthy = await WebhookReceiver.StartAsync();
        await using var alsoHealthy = await WebhookReceiver.StartAsync();
        await _scenario.WebhookAsync(partner, stalled.Url, type);
        await _scenario.WebhookAsync(partner, healthy.Url, type);
        await _scenario.WebhookAsync(partner, alsoHealthy.Url, type);

        // One stalled partner of three: the typical subscriber keeps up, so the whole burst is translated and delivered.
        await PublishBurstAsync();
        await Eventually.True(() => Task.FromResult(healthy.Received.Count >= Burst && alsoHealthy.Received.Count >= Burst), TimeSpan.FromSeconds(30),
            "the first burst delivered to both healthy partners");
        Assert.Equal(Burst, await TranslatedAsync());

        // Two more endpoints of the stalled kind: now three of five are behind, and translation waits for them.
        await using var alsoStalled = await WebhookReceiver.StartAsync(answerOnce: hanging.Task);
        await using var stalledToo = await WebhookReceiver.StartAsync(answerOnce: hanging.Task);
        await _scenario.WebhookAsync(partner, alsoStalled.Url, type);
        await _scenario.WebhookAsync(partner, stalledToo.Url, type);
        await PublishBurstAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var whileBehind = await TranslatedAsync() - Burst;
        Assert.InRange(whileBehind, 1, Burst - 1);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(whileBehind, await TranslatedAsync() - Burst);

        // The partners answer again: translation goes on, every event once, and everyone has every event.
        hanging.SetResult();
        await Eventually.True(async () => await TranslatedAsync() == 2 * Burst, TimeSpan.FromSeconds(30), "the second burst translated");
        await Eventually.True(() => Task.FromResult(new[] { stalled, healthy, alsoHealthy }.All(r => Delivered(r) == 2 * Burst)
            && new[] { alsoStalled, stalledToo }.All(r => Delivered(r) == Burst)), TimeSpan.FromSeconds(60), "every partner has every event since it subscribed");
        Assert.Equal(2 * Burst, await TranslatedAsync());
    }

    private async Task PublishBurstAsync()
    {
        var at = DateTimeOffset.UtcNow;
        for (var i = 0; i < Burst; i++)
        {
            await _scenario.Bus.Publish(new SessionCompleted(Guid.NewGuid(), Guid.NewGuid(), "fitness", at.AddHours(-2), at.AddHours(-1), 10,
                [new VolunteerServed(Guid.NewGuid(), Guid.NewGuid(), 60)], at));
        }
    }

    private static int Delivered(WebhookReceiver receiver) => receiver.Received.Select(d => d.Id).Distinct().Count();

    private Task<int> TranslatedAsync() => fixture.Host.WithScope(s =>
        s.GetRequiredService<PartnersDbContext>().PublicEvents.CountAsync(e => e.Type == PublicEventCatalogue.ActivityCompleted));
}
