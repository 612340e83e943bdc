using System.Net;
using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Series;
using Community.Services.Activities.Venues;
using Community.Contracts;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Activities.Tests;

/// <summary>Builds venues and activities through the API, as station staff would.</summary>
public sealed class ActivitiesScenario(ServiceHost<ActivitiesDbContext> host)
{
    public HttpClient Staff { get; } = host.ClientAs(Roles.StationStaff);

    public static string NextMonthAt(int day, string time = "09:30")
    {
        var month = DateTime.UtcNow.AddMonths(1);
        return $"{month:yyyy-MM}-{day:D2}T{time}";
    }

    public async Task<VenueDto> VenueAsync(int capacity = 200)
    {
        var response = await Staff.PostAsJsonAsync("/venues", new { name = $"活动室 {Guid.NewGuid():N}"[..20], capacity });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<VenueDto>())!;
    }

    public async Task<SeriesDto> SeriesAsync(Guid? venueId = null, int capacity = 10, string audience = "everyone",
        string? rule = null, string? firstStartsAt = null, int durationMinutes = 60, int? householdCap = null)
    {
        var response = await Staff.PostAsJsonAsync("/series", new
        {
            title = "智能手机学习班",
            category = "class",
            audience,
            organiser = "在职党员",
            venueId = venueId ?? (await VenueAsync()).Id,
            capacity,
            householdCap,
            firstStartsAt = firstStartsAt ?? NextMonthAt(1),
            durationMinutes,
            recurrenceRule = rule,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SeriesDto>())!;
    }

    /// <summary>A client signed in with <paramref name="account"/> (an account id at the identity provider).</summary>
    public HttpClient AsAccount(Guid account, params string[] roles)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.Mint(ServiceHost<ActivitiesDbContext>.SigningKey, roles, subject: account.ToString()));
        return client;
    }

    /// <summary>A resident as Grid announces them (<c>ResidentRecorded</c>, through the broker), once Activities knows them.</summary>
    public async Task<Guid> ResidentAsync(string name, int birthYear, Guid? householdId = null, Guid? accountId = null, Guid? guardianId = null)
    {
        var resident = Guid.NewGuid();
        await Bus.Publish(new ResidentRecorded(resident, householdId ?? Guid.NewGuid(), name, birthYear, guardianId, accountId, DateTimeOffset.UtcNow));
        await Eventually.True(() => host.WithScope(s => s.GetRequiredService<ActivitiesDbContext>().KnownResidents.AnyAsync(r => r.ResidentId == resident)),
            TimeSpan.FromSeconds(30), "the resident in Activities' read model");
        return resident;
    }

    /// <summary>Grid announces that <paramref name="actor"/> may act for <paramref name="resident"/> in activities (or no longer may).</summary>
    public async Task<Guid> ConsentAsync(Guid resident, Guid actor, Guid? consentId = null, DateTimeOffset? withdrawnAt = null, DateTimeOffset? validUntil = null)
    {
        var id = consentId ?? Guid.NewGuid();
        var changedAt = DateTimeOffset.UtcNow;
        await Bus.Publish(new ActingConsentChanged(id, resident, actor, "activities", validUntil ?? changedAt.AddDays(30), withdrawnAt, changedAt));
        await Eventually.True(() => host.WithScope(s => s.GetRequiredService<ActivitiesDbContext>().ActingConsents
                .AnyAsync(c => c.ConsentId == id && c.ChangedAt >= changedAt.AddTicks(-10))),
            TimeSpan.FromSeconds(30), "the consent in Activities' read model");
        return id;
    }

    /// <summary>The registry announces whose account a volunteer record is.</summary>
    public async Task LinkVolunteerAsync(Guid volunteer, Guid account)
    {
        await Bus.Publish(new VolunteerAccountLinked(volunteer, account, DateTimeOffset.UtcNow));
        await Eventually.True(() => host.WithScope(s => s.GetRequiredService<ActivitiesDbContext>().VolunteerAccounts
                .AnyAsync(l => l.VolunteerId == volunteer && l.AccountId == account)),
            TimeSpan.FromSeconds(30), "the volunteer's account in Activities' read model");
    }

    private IBus Bus => host.Services.GetRequiredService<IBus>();

    public static async Task<RegistrationDto> RegisterAsync(HttpClient client, Guid sessionId, string name, int birthYear = 1950, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/sessions/{sessionId}/registrations")
        {
            Content = JsonContent.Create(new { participantName = name, birthYear }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RegistrationDto>())!;
    }
}
