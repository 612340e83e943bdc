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
            .Where(r => r.NextEscalationAt != null && r.NextEscalationAt <= now && r.EscalationLevel < EscalationStep.Top && RequestStatuses.Open.Contains(r.Status))
            .OrderBy(r => r.NextEscalationAt).Take(500).ToListAsync(cancellationToken);
        foreach (var request in due)
        {
            var step = EscalationStep.For(request.EscalationLevel, request.Status, request.DueAt, now, sla.Value);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Database.ExecuteSqlAsync($"""
                UPDATE requests SET escalation_level = {step.Level}, next_escalation_at = {step.NextAt}
                WHERE id = {request.Id} AND escalation_level = {request.EscalationLevel} AND next_escalation_at <= {now}
                """, cancellationToken);
            if (claimed == 1)
            {
                db.Log(request.Id, "escalation", step.From, step.To, step.Why, "system", now);
                db.AddEvent(new RequestEscalated(request.Id, step.Level, request.Category, request.BuildingId, request.GridId, request.DueAt, now), now);
                await db.SaveChangesAsync(cancellationToken);
                escalated++;
            }

            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return escalated;
    }
}
