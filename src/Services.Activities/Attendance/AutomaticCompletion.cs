using Community.ServiceDefaults.Jobs;
using Community.Services.Activities.Data;
using Community.Services.Activities.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Attendance;

/// <summary>
/// Completes sessions that staff did not complete by hand, an hour after their end: time for staff to mark present a
/// volunteer the door forgot before hours are credited (volunteers credited as checked in).
/// </summary>
public sealed class AutomaticCompletion(IServiceScopeFactory scopes, TimeProvider time, ILogger<AutomaticCompletion> logger) : PeriodicJob(time, logger)
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    /// <summary>How long after its end a session waits for staff before it completes by itself.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    protected override TimeSpan Interval => Every;

    protected override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActivitiesDbContext>();
        var endedBefore = Time.GetUtcNow() - Grace;
        var ended = await db.Sessions.AsNoTracking()
            .Where(s => s.Status == SessionStatus.Scheduled && s.EndsAt <= endedBefore)
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
