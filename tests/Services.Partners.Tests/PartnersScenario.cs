using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Partners.Amqp;
using Community.Services.Partners.Data;
using Community.Services.Partners.Organisations;
using Community.Services.Partners.PublicEvents;
using Community.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Community.Services.Partners.Tests;

/// <summary>The people of a partners test: station staff, and partner organisations added and approved the way staff do it.</summary>
public sealed class PartnersScenario(ServiceHost<PartnersDbContext> host)
{
    public IBus Bus => host.Services.GetRequiredService<IBus>();

    public HttpClient Staff => As(Guid.NewGuid().ToString(), [Roles.StationStaff]);

    public HttpClient As(string subject, string[] roles, Guid? organisation = null)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevTokens.Mint(ServiceHost<PartnersDbContext>.SigningKey, roles,
            subject: subject, claims: organisation is { } org ? new Dictionary<string, string> { [PartnerCaller.OrganisationClaim] = org.ToString() } : null));
        return client;
    }

    /// <summary>A partner organisation, approved, with one person (an account) who acts for it; and its system's client (org claim).</summary>
    public async Task<(Guid Organisation, HttpClient System, Guid Contact)> PartnerAsync(string name = "浦江康复器材有限公司")
    {
        var staff = Staff;
        var added = await staff.PostAsJsonAsync("/organisations", new
        {
            name = $"{name}{Guid.NewGuid():N}"[..Math.Min(100, name.Length + 8)], kind = "company", areasOfHelp = new[] { "器材捐赠" },
            contactName = "李经理", contactPhone = "13912345678",
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var organisation = (await added.Content.ReadFromJsonAsync<OrganisationDto>(TestJson.Options))!.Id;
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/organisations/{organisation}/approve", null)).StatusCode);
        var contact = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PutAsync($"/organisations/{organisation}/members/{contact}", null)).StatusCode);
        return (organisation, As($"partner-{organisation:N}", [Roles.Partner], organisation), contact);
    }

    public async Task<(Guid Id, string Secret)> WebhookAsync(HttpClient partner, string url, params string[] types)
    {
        var created = await partner.PostAsJsonAsync("/webhooks", new { url, types });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("endpoint").GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    public async Task<AmqpCredentials> AmqpCredentialsAsync(HttpClient partner)
    {
        var issued = await partner.PostAsync("/organisations/mine/amqp-credentials", null);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        return (await issued.Content.ReadFromJsonAsync<AmqpCredentials>(TestJson.Options))!;
    }

    public static Task<IConnection> ConnectAsync(AmqpCredentials credentials, string? virtualHost = null) =>
        new ConnectionFactory
        {
            HostName = credentials.Host, Port = credentials.Port, VirtualHost = virtualHost ?? credentials.VirtualHost,
            UserName = credentials.Username, Password = credentials.Password, RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        }.CreateConnectionAsync();

    public async Task<FeedPage> FeedAsync(HttpClient partner, string query = "")
    {
        var page = await partner.GetAsync("/events" + query);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return (await page.Content.ReadFromJsonAsync<FeedPage>(TestJson.Options))!;
    }
}
