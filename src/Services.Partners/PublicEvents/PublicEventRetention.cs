using Community.ServiceDefaults.Jobs;
using Community.Services.Partners.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Partners.PublicEvents;

/// <summary>
/// Forgets public events (with their deliveries and attempts) once they are older than the feed keeps them — all but the
/// newest, whose sequence the sequencer counts on from.
/// </summary>
public sealed class PublicEventRetention(IServiceScopeFactory scopes, IOptions<PartnersOptions> options, TimeProvider time, ILogger<PublicEventRetention> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        var before = Time.GetUtcNow() - options.Value.FeedRetention;
        var removed = 0;
        int batch;
        do
        {
            batch = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM public_events WHERE id IN (SELECT id FROM public_events WHERE created_at < {before}
                    AND sequence < (SELECT max(sequence) FROM public_events) ORDER BY sequence LIMIT 1000)
                """, cancellationToken);
            removed += batch;
        }
        while (batch > 0);

        return removed;
    }
}
