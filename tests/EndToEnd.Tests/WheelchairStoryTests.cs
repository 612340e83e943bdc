using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.Testing;
using RabbitMQ.Client;

namespace Community.EndToEnd.Tests;

/// <summary>
/// Story 1, the wheelchair, through the gateway: a partner's system signs in with its own client credentials, hears of the
/// broken wheelchair by signed webhook and on its own AMQP queue, pledges, and the donated chair goes to the resident waiting.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class WheelchairStoryTests(AppHostFixture fixture)
{
    private const string NeededType = "cn.community.equipment.needed";

    [Fact]
    public async Task Story_1_the_broken_wheelchair_reaches_a_partner_by_webhook_and_amqp_and_its_donation_goes_to_the_resident_waiting()
    {
        var staff = (await fixture.SignedInAsync("居委会小李", Roles.StationStaff)).Client;

        // The partner organisation is registered and approved; its system gets a client of the identity provider.
        var organisation = await Created(await staff.PostAsJsonAsync("/api/partners/organisations", new
        {
            name = $"浦江康复器材有限公司{Guid.NewGuid():N}"[..18], kind = "company", areasOfHelp = new[] { "康复器材" }, contactName = "李经理", contactPhone = "13912345678",
        }));
        var organisationId = organisation.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/partners/organisations/{organisationId}/approve", null)).StatusCode);
        var client = await Created(await staff.PostAsJsonAsync("/api/identity/partner-clients", new { name = "浦江器材 系统", organisationId }));
        var tokens = await OidcSignIn.ClientCredentialsAsync(fixture.Anonymous(), client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!);
        var partner = fixture.Anonymous();
        partner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        // It subscribes by webhook and on its own AMQP queue.
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await Created(await partner.PostAsJsonAsync("/api/partners/webhooks", new { url = receiver.Url, types = new[] { NeededType } }));
        var secret = webhook.GetProperty("secret").GetString()!;
        var amqp = await partner.PostAsync("/api/partners/organisations/mine/amqp-credentials", null);
        Assert.Equal(HttpStatusCode.OK, amqp.StatusCode);
        var credentials = await amqp.Content.ReadFromJsonAsync<JsonElement>();
        await using var connection = await new ConnectionFactory
        {
            HostName = credentials.GetProperty("host").GetString()!, Port = credentials.GetProperty("port").GetInt32(),
            VirtualHost = credentials.GetProperty("virtualHost").GetString()!, UserName = credentials.GetProperty("username").GetString()!,
            Password = credentials.GetProperty("password").GetString()!,
        }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = credentials.GetProperty("queuePrefix").GetString() + "needs";
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, credentials.GetProperty("exchange").GetString()!, NeededType);

        // The station's only wheelchair is lent to 周老伯; 吴阿婆 waits for one.
        var building = await Created(await staff.PostAsJsonAsync("/api/grid/buildings", new { compoundId = "0195a000-0000-7000-8000-000000000001", number = Unique.BuildingNumber(), floors = 6 }));
        async Task<Guid> ResidentAsync(string unit, string name) =>
            (await Created(await staff.PostAsJsonAsync($"/api/grid/households/{(await Created(await staff.PostAsJsonAsync("/api/grid/households",
                new { buildingId = building.GetProperty("id").GetGuid(), unit }))).GetProperty("id").GetGuid()}/residents", new { name, birthYear = 1940 }))).GetProperty("id").GetGuid();
        var (borrower, waiting) = (await ResidentAsync("201", "周老伯"), await ResidentAsync("202", "吴阿婆"));
        foreach (var item in await staff.GetFromJsonAsync<JsonElement[]>("/api/grid/equipment?kind=wheelchair") ?? [])
        {
            await staff.PostAsJsonAsync($"/api/grid/equipment/{item.GetProperty("id").GetGuid()}/broken", new { note = "旧的" });
        }

        var chair = (await Created(await staff.PostAsJsonAsync("/api/grid/equipment", new { kind = "wheelchair", label = "轮椅车 站里的" })))[0].GetProperty("id").GetGuid();
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14));
        await Created(await staff.PostAsJsonAsync($"/api/grid/equipment/{chair}/loans", new { residentId = borrower, dueOn = due }));
        await Created(await staff.PostAsJsonAsync("/api/grid/equipment/waiting-list", new { kind = "wheelchair", residentId = waiting }));

        // It breaks from heavy use: out of service, and with none left the partner hears of it — both ways, one event.
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsJsonAsync($"/api/grid/equipment/{chair}/broken", new { note = "轮子坏了" })).StatusCode);
        var hooked = await Eventually.Get(() => Task.FromResult(receiver.Received.FirstOrDefault()), TimeSpan.FromSeconds(60), "the webhook delivery");
        Assert.True(WebhookReceiver.Verifies(hooked, secret));
        var needed = JsonDocument.Parse(hooked.Body).RootElement;
        Assert.Equal(NeededType, needed.GetProperty("type").GetString());
        var queued = await Eventually.Get(async () => await channel.BasicGetAsync(queue, autoAck: true), TimeSpan.FromSeconds(60), "the AMQP message");
        Assert.Equal(hooked.Id, queued.BasicProperties.MessageId);
        Assert.Equal(hooked.Body, Encoding.UTF8.GetString(queued.Body.Span));
        foreach (var personal in new[] { "周老伯", "吴阿婆", borrower.ToString(), waiting.ToString(), "轮子坏了" })
        {
            Assert.DoesNotContain(personal, hooked.Body);
        }

        // The partner pledges; staff accept; it delivers; staff confirm the donation.
        var needId = needed.GetProperty("data").GetProperty("needId").GetGuid();
        var pledge = (await Created(await partner.PostAsJsonAsync($"/api/partners/needs/{needId}/pledges", new { what = "全新折叠轮椅车", quantity = 1 }))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/api/partners/pledges/{pledge}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await partner.PostAsync($"/api/partners/pledges/{pledge}/delivered", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/api/partners/pledges/{pledge}/confirm-receipt", null)).StatusCode);

        // The new wheelchair is lendable and held for 吴阿婆, who gets it.
        var donated = await Eventually.Get(async () => (await staff.GetFromJsonAsync<JsonElement[]>("/api/grid/equipment?kind=wheelchair"))!
            .Cast<JsonElement?>().FirstOrDefault(i => i!.Value.GetProperty("donatedBy").GetString() == organisation.GetProperty("name").GetString()),
            TimeSpan.FromSeconds(60), "the donated wheelchair in Grid");
        Assert.Equal("held", donated!.Value.GetProperty("state").GetString());
        var loan = await Created(await staff.PostAsJsonAsync($"/api/grid/equipment/{donated.Value.GetProperty("id").GetGuid()}/loans", new { residentId = waiting, dueOn = due }));
        Assert.Equal("吴阿婆", loan.GetProperty("residentName").GetString());
    }

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
