using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Contracts;
using Community.Services.Partners.Data;
using Community.Services.Partners.PublicEvents;
using Community.Services.Partners.Webhooks;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Partners.Tests;

/// <summary>Deliveries that fail are retried and kept, never lost and never in a healthy endpoint's way; a gone endpoint is switched off and its people told.</summary>
public sealed class WebhookDeliveryTests(PartnersFixture fixture) : IClassFixture<PartnersFixture>
{
    private readonly PartnersScenario _scenario = new(fixture.Host);

    [Fact]
    public async Task Slow_failing_and_gone_endpoints_are_retried_or_switched_off_while_a_healthy_one_gets_everything_at_once()
    {
        var (organisation, partner, contact) = await _scenario.PartnerAsync("快递公司");
        await using var healthy = await WebhookReceiver.StartAsync();
        await using var failing = await WebhookReceiver.StartAsync(status: 500);
        await using var slow = await WebhookReceiver.StartAsync(delay: TimeSpan.FromSeconds(5));
        await using var gone = await WebhookReceiver.StartAsync(status: 410);
        var type = PublicEventCatalogue.ShiftUnderstaffed;
        var (healthyId, secret) = await _scenario.WebhookAsync(partner, healthy.Url, type);
        var (failingId, _) = await _scenario.WebhookAsync(partner, failing.Url, type);
        var (slowId, _) = await _scenario.WebhookAsync(partner, slow.Url, type);
        var (goneId, _) = await _scenario.WebhookAsync(partner, gone.Url, type);

        var published = DateTimeOffset.UtcNow;
        for (var i = 0; i < 6; i++)
        {
            await _scenario.Bus.Publish(new ShiftUnderstaffed(Guid.NewGuid(), Guid.NewGuid(), 4, 1, published.AddDays(3), 72, published));
        }

        // The healthy endpoint has all six while the slow one still holds its two slots (each attempt times out after 2 s).
        await Eventually.True(() => Task.FromResult(healthy.Received.Count >= 6), TimeSpan.FromSeconds(20), "six deliveries to the healthy endpoint");
        Assert.True(healthy.Received.Max(d => d.At) - published < TimeSpan.FromSeconds(10), "the healthy endpoint was not held up");
        Assert.All(healthy.Received, d => Assert.True(WebhookReceiver.Verifies(d, secret)));

        // 410 Gone switches the endpoint off at once, and its people are told (an event for Notices, in the outbox).
        var goneEndpoint = await Eventually.Get(() => EndpointAsync(goneId, e => !e.Enabled), TimeSpan.FromSeconds(20), "the gone endpoint switched off");
        Assert.Contains("410", goneEndpoint.DisabledReason);
        // Only the deliveries already in flight when it answered reach it: one endpoint's slots, never all six.
        Assert.InRange(gone.Requests, 1, 2);
        var told = await fixture.Host.WithScope(s => s.GetRequiredService<PartnersDbContext>().OutboxMessages
            .Where(m => m.MessageType.Contains(nameof(WebhookEndpointDisabled))).Select(m => m.Payload).ToListAsync());
        var disabled = told.Select(t => JsonSerializer.Deserialize<WebhookEndpointDisabled>(t, JsonSerializerOptions.Web)!).Single(d => d.EndpointId == goneId);
        Assert.Equal(organisation, disabled.OrganisationId);
        Assert.Equal([contact], disabled.ContactAccountIds);

        // The failing and slow endpoints: every attempt kept, with its status code (none for a timeout) and duration, and retried.
        var failingLog = (await Eventually.Get(async () =>
        {
            var page = await partner.GetFromJsonAsync<JsonElement>($"/webhooks/{failingId}/deliveries");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            return items.Count == 6 && items.All(d => d.GetProperty("attemptLog").GetArrayLength() >= 2) ? page : (JsonElement?)null;
        }, TimeSpan.FromSeconds(30), "every failing delivery tried twice or more"))!.Value;
        var attempt = failingLog.GetProperty("items")[0].GetProperty("attemptLog")[0];
        Assert.Equal(500, attempt.GetProperty("statusCode").GetInt32());
        Assert.Equal("pending", failingLog.GetProperty("items")[0].GetProperty("status").GetString());
        var slowLog = (await Eventually.Get(async () =>
        {
            var page = await partner.GetFromJsonAsync<JsonElement>($"/webhooks/{slowId}/deliveries");
            return page.GetProperty("items").EnumerateArray().SelectMany(d => d.GetProperty("attemptLog").EnumerateArray()).FirstOrDefault() is { ValueKind: JsonValueKind.Object } first
                ? first : (JsonElement?)null;
        }, TimeSpan.FromSeconds(30), "a slow attempt logged"))!.Value;
        Assert.Equal(JsonValueKind.Null, slowLog.GetProperty("statusCode").ValueKind);
        Assert.True(slowLog.GetProperty("durationMs").GetInt32() >= 1900);

        // An endpoint failing for five days is switched off too.
        await fixture.Host.WithScope(s => s.GetRequiredService<PartnersDbContext>().WebhookEndpoints.Where(e => e.Id == failingId)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.FailingSince, DateTimeOffset.UtcNow.AddDays(-6))));
        var failedTooLong = await Eventually.Get(() => EndpointAsync(failingId, e => !e.Enabled), TimeSpan.FromSeconds(20), "the failing endpoint switched off");
        Assert.Contains("5 days", failedTooLong.DisabledReason);

        // The partner switches the gone endpoint on again: its waiting delivery goes out (and is refused again).
        Assert.Equal(HttpStatusCode.OK, (await partner.PostAsync($"/webhooks/{goneId}/enable", null)).StatusCode);
        await Eventually.True(() => Task.FromResult(gone.Requests >= 2), TimeSpan.FromSeconds(20), "the waiting delivery sent after switching on");

        // Redelivery sends the same event (same webhook-id) again; a rotated secret signs beside the old one during the overlap.
        var first = healthy.Received.First();
        var rotated = await partner.PostAsJsonAsync($"/webhooks/{healthyId}/rotate-secret", new { overlapHours = 1 });
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        Assert.NotEqual(secret, newSecret);
        Assert.Equal(HttpStatusCode.Accepted, (await partner.PostAsJsonAsync($"/webhooks/{healthyId}/redeliver", new { eventId = Guid.Parse(first.Id) })).StatusCode);
        var again = await Eventually.Get(() => Task.FromResult(healthy.Received.Skip(6).FirstOrDefault(d => d.Id == first.Id)), TimeSpan.FromSeconds(20), "the redelivery");
        Assert.Equal(first.Body, again.Body);
        Assert.True(WebhookReceiver.Verifies(again, newSecret), "the new secret's signature comes first, so a receiver that switched verifies at once");
        Assert.True(WebhookReceiver.VerifiesAny(again, secret), "the old secret still signs during the overlap");

        // Bad input: an unknown event, another type's event, a missing id, an overlap too long, unknown endpoints.
        Assert.Equal(HttpStatusCode.NotFound, (await partner.PostAsJsonAsync($"/webhooks/{healthyId}/redeliver", new { eventId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await partner.PostAsJsonAsync($"/webhooks/{healthyId}/redeliver", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await partner.PostAsJsonAsync($"/webhooks/{healthyId}/rotate-secret", new { overlapHours = 1000 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/webhooks/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await partner.GetAsync($"/webhooks/{healthyId}/deliveries?page=0")).StatusCode);
    }

    private Task<WebhookEndpoint?> EndpointAsync(Guid id, Func<WebhookEndpoint, bool> condition) => fixture.Host.WithScope(async s =>
    {
        var endpoint = await s.GetRequiredService<PartnersDbContext>().WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == id);
        return condition(endpoint) ? endpoint : null;
    });
}
