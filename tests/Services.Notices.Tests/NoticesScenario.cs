using System.Net.Http.Headers;
using Community.Contracts;
using Community.ServiceDefaults.Auth;
using Community.Services.Notices.Data;
using Community.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Community.ServiceDefaults;

namespace Community.Services.Notices.Tests;

/// <summary>
/// The people of a notices test, made the way the platform makes them: by the events Grid, Volunteers and Activities
/// publish, through the broker. Each call makes new ids, so tests never see each other's notices.
/// </summary>
public sealed class NoticesScenario(ServiceHost<NoticesDbContext> host)
{
    public IBus Bus => host.Services.GetRequiredService<IBus>();

    public HttpClient As(Guid account, params string[] roles)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            DevTokens.Mint(ServiceHost<NoticesDbContext>.SigningKey, roles.Length == 0 ? [Roles.Resident] : roles, subject: account.ToString(), name: "测试人"));
        return client;
    }

    public string TokenFor(Guid account, params string[] roles) =>
        DevTokens.Mint(ServiceHost<NoticesDbContext>.SigningKey, roles.Length == 0 ? [Roles.Resident] : roles, subject: account.ToString());

    /// <summary>A grid with one building and a grid worker (a volunteer in its team, linked to an account).</summary>
    public async Task<(Guid GridId, Guid BuildingId, Guid WorkerAccount)> GridAsync()
    {
        var (grid, building, volunteer, account) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var now = DateTimeOffset.UtcNow;
        await Bus.Publish(new GridBuildingsChanged(grid, [building], now));
        await Bus.Publish(new GridTeamChanged(grid, volunteer, "secretary", "joined", now));
        await Bus.Publish(new VolunteerAccountLinked(volunteer, account, now));
        await Eventually.True(() => host.WithScope(async services =>
        {
            var db = services.GetRequiredService<NoticesDbContext>();
            return await db.BuildingGrids.AnyAsync(b => b.GridId == grid) &&
                await db.GridTeamMembers.AnyAsync(m => m.GridId == grid && m.Active) &&
                await db.VolunteerAccounts.AnyAsync(l => l.VolunteerId == volunteer);
        }), TimeSpan.FromSeconds(30), "the grid, its team and the worker's account in the notices read model");
        return (grid, building, account);
    }

    /// <summary>A resident of <paramref name="buildingId"/>, with an account or (for an elder without a smartphone) none.</summary>
    public async Task<Guid> ResidentAsync(Guid buildingId, Guid? account, string name = "王阿婆")
    {
        var resident = Guid.NewGuid();
        await Bus.Publish(new ResidentRecorded(resident, Guid.NewGuid(), name, 1942, null, account, DateTimeOffset.UtcNow, buildingId));
        await Eventually.True(() => host.WithScope(services =>
            services.GetRequiredService<NoticesDbContext>().KnownResidents.AnyAsync(r => r.ResidentId == resident)),
            TimeSpan.FromSeconds(30), "the resident in the notices read model");
        return resident;
    }

    /// <summary>A session Activities scheduled, starting at <paramref name="startsAt"/>.</summary>
    public async Task<Guid> SessionAsync(DateTimeOffset startsAt, string title = "太极拳")
    {
        var session = Guid.NewGuid();
        await Bus.Publish(new SessionScheduled(session, Guid.NewGuid(), Guid.NewGuid(), "健身", "老年人", startsAt, startsAt.AddHours(1), 20, title));
        await Eventually.True(() => host.WithScope(services =>
            services.GetRequiredService<NoticesDbContext>().Sessions.AnyAsync(s => s.SessionId == session)),
            TimeSpan.FromSeconds(30), "the session in the notices read model");
        return session;
    }

    public Task<List<Inbox.Notice>> NoticesForAsync(Guid account) => host.WithScope(services =>
        services.GetRequiredService<NoticesDbContext>().Notices.AsNoTracking().Where(n => n.AccountId == account).ToListAsync());

    public Task<List<CallList.CallListEntry>> CallListForAsync(Guid resident) => host.WithScope(services =>
        services.GetRequiredService<NoticesDbContext>().CallListEntries.AsNoTracking().Where(e => e.ResidentId == resident).ToListAsync());
}

/// <summary>The tests' clock, moved as the neighbourhood's day goes.</summary>
public static class NoticesClock
{
    /// <summary>Moves the clock forward to the next <paramref name="hour"/> o'clock (local), unless it is that time already.</summary>
    public static DateTimeOffset AdvanceTo(this FakeTimeProvider clock, double hour)
    {
        var now = clock.GetUtcNow();
        var today = Neighbourhood.StartOf(Neighbourhood.Today(now)).AddHours(hour);
        var target = today >= now ? today : today.AddDays(1);
        clock.SetUtcNow(target);
        return target;
    }
}
