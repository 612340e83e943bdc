using Community.Persistence;
using Community.Services.Partners.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Partners.PublicEvents;

/// <summary>
/// Gives committed public events their place in the pull feed, in batches, one instance at a time (a transaction lock
/// taken with try: another instance's pass is as good). A batch commits whole, and only this pass writes sequences, so
/// every sequence a reader can see has every lower one visible too. Woken after each append, else every second.
/// </summary>
public sealed partial class PublicEventSequencer(IServiceScopeFactory scopes, DeliverySignals signals, ILogger<PublicEventSequencer> logger) : BackgroundService
{
    private const int BatchSize = 1000;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SequenceAsync(stoppingToken) == BatchSize)
                {
                }

                await signals.Sequencer.WaitAsync(Poll, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
                await signals.Sequencer.WaitAsync(Poll, stoppingToken);
            }
        }
    }

    public async Task<int> SequenceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Database.TryTakeForTransactionAsync(nameof(PublicEventSequencer), cancellationToken))
        {
            return 0;
        }

        var sequenced = await db.Database.ExecuteSqlAsync($"""
            WITH next AS (
                SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM public_events
                WHERE sequence IS NULL ORDER BY created_at, id LIMIT {BatchSize})
            UPDATE public_events p SET sequence = (SELECT coalesce(max(sequence), 0) FROM public_events) + next.n
            FROM next WHERE p.id = next.id
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (sequenced > 0)
        {
            signals.Amqp.Wake();
        }

        return sequenced;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sequencing public events failed; the next pass tries again (the feed waits, webhooks and AMQP do not).")]
    private partial void LogFailed(Exception exception);
}
