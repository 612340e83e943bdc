using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Jobs;
using Community.Services.Grid.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Grid.Requests;

/// <summary>
/// Escalates open requests past their due time one level (grid team → residents' committee staff → admin), and
/// returned requests not re-routed in time to staff. Each escalation is claimed by a conditional update on the
/// level it saw, in the same transaction as its audit row and RequestEscalated, so it happens once on time even
/// with several instances.
/// </summary>
public sealed class EscalationWatch(IServiceScopeFactory scopes, TimeProvider time, IOptions<SlaOptions> sla, ILogger<EscalationWatch> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => sla.Value.CheckEvery;

    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => EscalateDueAsync(cancellationToken);

    public async Task<int> EscalateDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridDbContext>();
        var now = Time.GetUtcNow();
        var escalated = 0;
        var due = await db.Requests.AsNoTracking()
            .Where(r => r.NextEscalationAt != null && r.NextEscalationAt <= now && r.EscalationLevel < 2 && RequestStatuses.Open.Contains(r.Status))
            .OrderBy(r => r.NextEscalationAt).Take(500).ToListAsync(cancellationToken);
        foreach (var request in due)
        {
            var level = request.EscalationLevel + 1;
            var next = level < 2 ? now.AddHours(sla.Value.EscalationStepHours) : (DateTimeOffset?)null;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Database.ExecuteSqlAsync($"""
                UPDATE requests SET escalation_level = {level}, next_escalation_at = {next}
                WHERE id = {request.Id} AND escalation_level = {request.EscalationLevel} AND next_escalation_at <= {now}
                """, cancellationToken);
            if (claimed == 1)
            {
                var why = request.Status == RequestStatuses.Returned && request.DueAt > now
                    ? "returned and not re-routed in time"
                    : $"past due ({request.DueAt:u})";
                db.Log(request, "escalation", Levels[request.EscalationLevel], Levels[level], why, "system", now);
                db.AddEvent(new RequestEscalated(request.Id, level, request.Category, request.BuildingId, request.GridId, request.DueAt, now), now);
                await db.SaveChangesAsync(cancellationToken);
                escalated++;
            }

            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return escalated;
    }

    private static readonly string[] Levels = ["grid team", "residents' committee staff", "admin"];


}
