using System.Net;
using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Series;
using Community.Services.Activities.Venues;
using Community.Testing;

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
