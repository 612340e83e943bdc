using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Community.Contracts;
using Community.ServiceDefaults.Auth;
using Community.Services.Partners.PublicEvents;
using Community.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Community.Services.Partners.Tests;

/// <summary>Internal events become public CloudEvents, the same by webhook, pull feed and AMQP, with no personal data in any.</summary>
public sealed class PublicFeedTests(PartnersFixture fixture) : IClassFixture<PartnersFixture>
{
    private readonly PartnersScenario _scenario = new(fixture.Host);

    [Fact]
    public async Task A_session_reaches_a_partner_signed_by_webhook_in_the_feed_and_on_its_queue_as_one_event_without_personal_data()
    {
        var (organisation, partner, _) = await _scenario.PartnerAsync();
        await using var receiver = await WebhookReceiver.StartAsync();

        // Bad subscriptions are refused with the field at fault.
        var unknownType = await partner.PostAsJsonAsync("/webhooks", new { url = receiver.Url, types = new[] { "cn.community.nope" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknownType.StatusCode);
        Assert.Contains("types", (await unknownType.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var notAUrl = await partner.PostAsJsonAsync("/webhooks", new { url = "ftp://example.com/hook", types = new[] { PublicEventCatalogue.ActivityScheduled } });
        Assert.Equal(HttpStatusCode.BadRequest, notAUrl.StatusCode);

        var types = new[] { PublicEventCatalogue.ActivityScheduled, PublicEventCatalogue.ActivityCancelled, PublicEventCatalogue.ActivityCompleted };
        var (endpoint, secret) = await _scenario.WebhookAsync(partner, receiver.Url, types);
        Assert.StartsWith("whsec_", secret);

        var credentials = await _scenario.AmqpCredentialsAsync(partner);
        await using var connection = await PartnersScenario.ConnectAsync(credentials);
        await using var channel = await connection.CreateChannelAsync();
        var queue = credentials.QueuePrefix + "activities";
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, credentials.Exchange, "cn.community.activity.*");

        // Internal events carry what the platform needs, including things partners must never see.
        var (session, done, series) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (volunteer, otherVolunteer) = (Guid.NewGuid(), Guid.NewGuid());
        var startsAt = DateTimeOffset.UtcNow.AddDays(3);
        await _scenario.Bus.Publish(new SessionScheduled(session, series, Guid.NewGuid(), "education", "elderly", startsAt, startsAt.AddHours(1), 20, "智能手机学习班"));
        await _scenario.Bus.Publish(new SessionCancelled(session, series, null, 3, DateTimeOffset.UtcNow));
        await _scenario.Bus.Publish(new SessionCompleted(done, series, "education", startsAt.AddDays(-7), startsAt.AddDays(-7).AddHours(1), 18,
            [new VolunteerServed(volunteer, Guid.NewGuid(), 90), new VolunteerServed(otherVolunteer, Guid.NewGuid(), 60)], DateTimeOffset.UtcNow));

        // By webhook: three deliveries, each verified as a receiver would, its webhook-id the CloudEvent id.
        await Eventually.True(() => Task.FromResult(receiver.Received.Count >= 3), TimeSpan.FromSeconds(30), "three webhook deliveries");
        var hooked = receiver.Received.ToList();
        Assert.All(hooked, d => Assert.True(WebhookReceiver.Verifies(d, secret), "the signature verifies with the endpoint's secret"));
        Assert.All(hooked, d => Assert.False(WebhookReceiver.Verifies(d, "whsec_" + Convert.ToBase64String(new byte[32])), "a wrong secret does not verify"));
        Assert.All(hooked, d => Assert.Equal(d.Id, JsonDocument.Parse(d.Body).RootElement.GetProperty("id").GetString()));

        // On the partner's own queue: the same three ids.
        var queued = new List<string>();
        await Eventually.True(async () =>
        {
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
            {
                queued.Add(Encoding.UTF8.GetString(message.Body.Span));
                Assert.Equal(message.BasicProperties.MessageId, JsonDocument.Parse(queued[^1]).RootElement.GetProperty("id").GetString());
            }

            return queued.Count >= 3;
        }, TimeSpan.FromSeconds(30), "three events on the partner's queue");
        var ids = hooked.Select(d => d.Id).Order().ToList();
        Assert.Equal(ids, queued.Select(q => JsonDocument.Parse(q).RootElement.GetProperty("id").GetString()!).Order().ToList());

        // In the pull feed: the same ids, in order, and a cursor to go on from.
        // (An event takes its place in the feed a moment after it is made: the sequencer's pass.)
        var mine = await Eventually.Get(async () =>
        {
            var events = (await _scenario.FeedAsync(partner, "?limit=500")).Events
                .Where(e => e.GetProperty("subject").GetString() is { } s && (s == session.ToString() || s == done.ToString())).ToList();
            return events.Count == 3 ? events : null;
        }, TimeSpan.FromSeconds(30), "the three events in the feed");
        Assert.Equal(ids, mine.Select(e => e.GetProperty("id").GetString()!).Order().ToList());
        var completed = (await _scenario.FeedAsync(partner, $"?types={PublicEventCatalogue.ActivityCompleted}&limit=500")).Events
            .Single(e => e.GetProperty("subject").GetString() == done.ToString());
        Assert.Equal((18, 2, 2.5m), (completed.GetProperty("data").GetProperty("attended").GetInt32(),
            completed.GetProperty("data").GetProperty("volunteers").GetInt32(), completed.GetProperty("data").GetProperty("volunteerHours").GetDecimal()));
        var all = await _scenario.FeedAsync(partner, "?limit=500");
        var after = await _scenario.FeedAsync(partner, $"?after={all.Next}");
        Assert.Empty(after.Events);
        Assert.Equal(all.Next, after.Next);
        var paged = await _scenario.FeedAsync(partner, "?limit=1");
        Assert.True(paged.HasMore);
        Assert.Equal(all.Events[1].GetProperty("id").GetString(), (await _scenario.FeedAsync(partner, $"?after={paged.Next}&limit=1")).Events.Single().GetProperty("id").GetString());
        foreach (var bad in new[] { "?after=abc", "?after=-1", "?types=cn.community.nope", "?limit=0", "?limit=501" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await partner.GetAsync("/events" + bad)).StatusCode);
        }

        // No personal data anywhere a partner can read it: not the reason staff typed, not a phone, not a volunteer.
        foreach (var text in hooked.Select(d => d.Body).Concat(queued).Concat(mine.Select(e => e.GetRawText())))
        {
            foreach (var secretThing in new[] { "王阿婆", "13812345678", volunteer.ToString(), otherVolunteer.ToString() })
            {
                Assert.DoesNotContain(secretThing, text);
            }
        }

        // Every event validates against the AsyncAPI document, itself valid per the AsyncAPI parser.
        var document = JsonNode.Parse(await fixture.Host.CreateClient().GetStringAsync("/asyncapi.json"))!;
        var check = await AsyncApiCheck.RunAsync(document, mine);
        Assert.Empty(check.Diagnostics);
        Assert.Equal(3, check.Events.Count);
        Assert.All(check.Events, e => Assert.Empty(e.Errors));

        // Nobody else reads this partner's endpoint or the feed.
        var (_, other, _) = await _scenario.PartnerAsync("另一家公司");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/webhooks/{endpoint}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/organisations/{organisation}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/organisations/{organisation}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(Guid.NewGuid().ToString(), [Roles.Resident]).GetAsync($"/organisations/{organisation}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/webhooks/{endpoint}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync($"/webhooks/{endpoint}/redeliver", new { eventId = Guid.Parse(ids[0]) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As(Guid.NewGuid().ToString(), [Roles.Resident]).GetAsync("/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.As("unapproved", [Roles.Partner], Guid.NewGuid()).GetAsync("/events")).StatusCode);
        Assert.Equal(organisation, (await partner.GetFromJsonAsync<JsonElement>($"/organisations/{organisation}")).GetProperty("id").GetGuid());
        Assert.Equal("139****5678", (await partner.GetFromJsonAsync<JsonElement>($"/organisations/{organisation}")).GetProperty("contactPhone").GetString());
    }

    /// <summary>The broker's answer to a login on a virtual host: 530 NOT_ALLOWED, at once or on the first channel (the close may trail the open).</summary>
    private static async Task<int> VirtualHostRefusalAsync(Amqp.AmqpCredentials credentials, string virtualHost)
    {
        IConnection connection;
        try
        {
            connection = await PartnersScenario.ConnectAsync(credentials, virtualHost);
        }
        catch (BrokerUnreachableException refused) when (refused.InnerException is OperationInterruptedException { ShutdownReason: { } reason })
        {
            return reason.ReplyCode;
        }

        await using (connection)
        {
            var refused = await Assert.ThrowsAnyAsync<OperationInterruptedException>(async () =>
            {
                await using var channel = await connection.CreateChannelAsync();
                await channel.QueueDeclarePassiveAsync("partners-session-scheduled");
            });
            return refused.ShutdownReason?.ReplyCode ?? 0;
        }
    }

    [Fact]
    public async Task A_partner_on_amqp_reads_only_its_own_queues_and_can_neither_publish_nor_reach_the_internal_broker()
    {
        var (_, partner, _) = await _scenario.PartnerAsync("甲公司");
        var (_, rival, _) = await _scenario.PartnerAsync("乙公司");
        var mine = await _scenario.AmqpCredentialsAsync(partner);
        var theirs = await _scenario.AmqpCredentialsAsync(rival);
        Assert.NotEqual(mine.Username, theirs.Username);

        await using (var rivalConnection = await PartnersScenario.ConnectAsync(theirs))
        await using (var rivalChannel = await rivalConnection.CreateChannelAsync())
        {
            await rivalChannel.QueueDeclareAsync(theirs.QueuePrefix + "needs", durable: true, exclusive: false, autoDelete: false);
        }

        await using var connection = await PartnersScenario.ConnectAsync(mine);

        async Task<ushort> RefusedAsync(Func<IChannel, Task> act)
        {
            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => act(channel));
            await Eventually.True(() => Task.FromResult(channel.IsClosed), TimeSpan.FromSeconds(5), "the broker to close the channel");
            return channel.CloseReason?.ReplyCode ?? throw new InvalidOperationException("closed without a reason", refused);
        }

        // 403 ACCESS_REFUSED for each: another partner's queue, a queue outside its prefix, publishing on the public exchange or the default one.
        Assert.Equal(403, await RefusedAsync(c => c.BasicGetAsync(theirs.QueuePrefix + "needs", autoAck: true)));
        Assert.Equal(403, await RefusedAsync(c => c.QueueDeclareAsync("steal-everything", durable: false, exclusive: false, autoDelete: false)));
        Assert.Equal(403, await RefusedAsync(c => c.BasicPublishAsync(mine.Exchange, PublicEventCatalogue.EquipmentNeeded, Encoding.UTF8.GetBytes("{}")).AsTask()));
        Assert.Equal(403, await RefusedAsync(c => c.BasicPublishAsync("", mine.QueuePrefix + "x", Encoding.UTF8.GetBytes("{}")).AsTask()));

        // The internal virtual host (and the node's default one) refuse the partner's login outright.
        var internalVirtualHost = new Uri(fixture.BrokerConnectionString).AbsolutePath.Trim('/');
        Assert.False(string.IsNullOrEmpty(internalVirtualHost));
        Assert.Equal(530, await VirtualHostRefusalAsync(mine, internalVirtualHost));
        Assert.Equal(530, await VirtualHostRefusalAsync(mine, "/"));

        // A new password replaces the old one.
        var renewed = await _scenario.AmqpCredentialsAsync(partner);
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => PartnersScenario.ConnectAsync(mine));
        await using var renewedConnection = await PartnersScenario.ConnectAsync(renewed);
        Assert.True(renewedConnection.IsOpen);
    }
}
