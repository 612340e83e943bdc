using System.Diagnostics.Metrics;
using Community.ServiceDefaults.Jobs;
using Community.Services.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Requests;

/// <summary>
/// <c>community.requests.overdue</c>: open requests past their due time right now, by category — the number an
/// operator should see rise before a resident complains.
/// </summary>
public sealed class OverdueRequests
{
    private IReadOnlyDictionary<string, long> _latest = new Dictionary<string, long>();

    public OverdueRequests(IMeterFactory meters)
    {
        var service = new KeyValuePair<string, object?>("service", "grid");
        meters.Create("Community.Grid").CreateObservableGauge("community.requests.overdue",
            () => _latest.Select(c => new Measurement<long>(c.Value, service, new("category", c.Key))),
            "{request}", "Open resident requests past their due time now, by category (read every 30 s).");
    }

    public IReadOnlyDictionary<string, long> Latest => _latest;

    public async Task<IReadOnlyDictionary<string, long>> ReadAsync(GridDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counts = await db.Requests.AsNoTracking()
            .Where(r => RequestStatuses.Open.Contains(r.Status) && r.DueAt < now)
            .GroupBy(r => r.Category)
            .Select(g => new { Category = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(c => c.Category, c => c.Count, cancellationToken);
        // A category that had overdue requests and now has none reads 0, not "no data".
        foreach (var category in _latest.Keys.Where(k => !counts.ContainsKey(k)))
        {
            counts[category] = 0;
        }

        _latest = counts;
        return counts;
    }
}

/// <summary>Reads <see cref="OverdueRequests"/> every 30 s.</summary>
public sealed class OverdueRequestsWatch(IServiceScopeFactory scopes, OverdueRequests overdue, TimeProvider time, ILogger<OverdueRequestsWatch> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await overdue.ReadAsync(scope.ServiceProvider.GetRequiredService<GridDbContext>(), Time.GetUtcNow(), cancellationToken);
        // A reading, not work done: nothing to log.
        return 0;
    }
}
