using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Jobs;
using Community.Services.Volunteers.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>
/// Raises ShiftUnderstaffed for a shift still under its minimum 72 h and again 24 h before it starts. Each alert
/// is claimed with a conditional update in the same transaction as its outbox row, so it goes out once, on time,
/// even with several instances watching.
/// </summary>
public sealed class UnderstaffingWatch(IServiceScopeFactory scopes, TimeProvider time, ILogger<UnderstaffingWatch> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => RaiseDueAlertsAsync(cancellationToken);
    private static readonly (int Flag, int Hours)[] Alerts = [(1, 72), (2, 24)];

    public async Task<int> RaiseDueAlertsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VolunteersDbContext>();
        var now = Time.GetUtcNow();
        var raised = 0;
        foreach (var (flag, hours) in Alerts)
        {
            var horizon = now.AddHours(hours);
            var due = await db.Shifts.AsNoTracking()
                .Where(s => s.Status == ShiftStatuses.Open && s.StartsAt > now && s.StartsAt <= horizon && s.Assigned < s.MinVolunteers && (s.AlertsSent & flag) == 0)
                .Join(db.Opportunities, s => s.OpportunityId, o => o.Id, (s, o) => new { Shift = s, o.RequestId })
                .Take(500)
                .ToListAsync(cancellationToken);
            foreach (var item in due)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var claimed = await db.Database.ExecuteSqlAsync(
                    $"UPDATE shifts SET alerts_sent = alerts_sent | {flag} WHERE id = {item.Shift.Id} AND alerts_sent & {flag} = 0", cancellationToken);
                if (claimed == 1)
                {
                    db.AddEvent(new ShiftUnderstaffed(item.Shift.Id, item.RequestId, item.Shift.MinVolunteers, item.Shift.Assigned,
                        item.Shift.StartsAt, hours, now), now);
                    await db.SaveChangesAsync(cancellationToken);
                    raised++;
                }

                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        return raised;
    }


}
