using System.Net;
using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Opportunities;
using Community.Services.Volunteers.Registry;
using Community.Testing;

namespace Community.Services.Volunteers.Tests;

/// <summary>Registers people and opens clients in their name, for tests that need a cast.</summary>
public sealed class VolunteersScenario(ServiceHost<VolunteersDbContext> host)
{
    private static int _phoneSeed = Random.Shared.Next(10_000_000, 90_000_000);

    public static readonly DateOnly ChildBirthDate = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-10);

    public HttpClient Staff => host.ClientAs(Roles.StationStaff);

    public HttpClient As(Guid subject, string role = Roles.Volunteer)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.Mint(ServiceHost<VolunteersDbContext>.SigningKey, [role], subject: subject.ToString()));
        return client;
    }

    public async Task<Guid> AdultAsync(string name = "志愿者", string kind = "resident-volunteer", string[]? skills = null, Guid? homeBuildingId = null, object? availability = null)
    {
        var response = await Staff.PostAsJsonAsync("/volunteers", new
        {
            displayName = name, phone = $"139{Interlocked.Increment(ref _phoneSeed):D8}", kind, skills = skills ?? [], homeBuildingId, availability,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<VolunteerDto>())!.Id;
    }

    public async Task<Guid> ChildAsync(Guid guardianId, string name = "小队员")
    {
        var response = await As(guardianId).PostAsJsonAsync("/volunteers", new
        {
            displayName = name, kind = "young-pioneer", birthDate = ChildBirthDate, guardianId, consentScope = "河道清洁",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<VolunteerDto>())!.Id;
    }

    /// <summary>A staff-created opportunity with one shift; returns the shift.</summary>
    public async Task<ShiftDto> ShiftAsync(DateTimeOffset startsAt, int max, int min = 0, string? skill = null, Guid? buildingId = null, double hours = 2)
    {
        var response = await Staff.PostAsJsonAsync("/opportunities", new
        {
            title = "河道清洁", skill,
            shifts = new[] { new { startsAt = startsAt.ToOffset(TimeSpan.FromHours(8)), endsAt = startsAt.AddHours(hours).ToOffset(TimeSpan.FromHours(8)), place = "彭越浦河岸", buildingId, minVolunteers = min, maxVolunteers = max } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OpportunityDto>())!.Shifts.Single();
    }
}
