using Community.ServiceDefaults.Jobs;
using Community.Services.Activities.Data;
using Community.Services.Activities.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Attendance;

/// <summary>Completes sessions whose end time has passed and that staff did not complete by hand (volunteers credited as checked in).</summary>
public sealed class AutomaticCompletion(IServiceScopeFactory scopes, TimeProvider time, ILogger<AutomaticCompletion> logger) : PeriodicJob(time, logger)
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    protected override TimeSpan Interval => Every;

    protected override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActivitiesDbContext>();
        var now = Time.GetUtcNow();
        var ended = await db.Sessions.AsNoTracking()
            .Where(s => s.Status == SessionStatus.Scheduled && s.EndsAt <= now)
            .OrderBy(s => s.EndsAt).Select(s => s.Id).Take(100)
            .ToListAsync(cancellationToken);
        foreach (var id in ended)
        {
            await using var sessionScope = scopes.CreateAsyncScope();
            await sessionScope.ServiceProvider.GetRequiredService<Completion>().CompleteAsync(id, present: null, cancellationToken);
        }

        return ended.Count;
    }
}
