using Community.ServiceDefaults.Jobs;
using Community.Services.Notices.CallList;
using Community.Services.Notices.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Notices.Retention;

/// <summary>Notices and handled call list entries are kept 180 days (<see cref="NoticesOptions.RetentionDays"/>), then removed.</summary>
public sealed class NoticeRetention(IServiceScopeFactory scopes, TimeProvider time, IOptions<NoticesOptions> options, ILogger<NoticeRetention> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => options.Value.RetentionCheckInterval;

    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => RemoveExpiredAsync(cancellationToken);

    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = Time.GetUtcNow().AddDays(-options.Value.RetentionDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NoticesDbContext>();
        var notices = await db.Notices.Where(n => n.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var entries = await db.CallListEntries.Where(e => e.CreatedAt < cutoff && e.Status != CallListStatus.Open).ExecuteDeleteAsync(cancellationToken);
        return notices + entries;
    }
}
