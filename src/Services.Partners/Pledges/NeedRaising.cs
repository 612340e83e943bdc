using Community.Persistence;
using Community.Services.Partners.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Partners.Pledges;

/// <summary>
/// A need raised by another service (equipment none left to lend, a shift short of people): one need per thing that
/// raised it, whichever copy of the event arrives first; later reports of it update how much is needed.
/// </summary>
public sealed class NeedRaising(PartnersDbContext db, TimeProvider time)
{
    /// <summary>
    /// Takes, until the transaction ends, the needs a batch is about to raise, in one order. Each raise takes the need's
    /// row in the unique index; two batches raising the same needs in different orders (two instances of this service)
    /// would otherwise each hold one the other waits for, and PostgreSQL would abort one of them as a deadlock.
    /// </summary>
    public Task LockAsync(string kind, IEnumerable<Guid> sourceIds, CancellationToken cancellationToken) =>
        db.Database.LockForTransactionAsync($"need:{kind}", sourceIds, cancellationToken);

    public async Task<Need> RaiseAsync(string kind, Guid sourceId, string? itemKind, string title, int quantity, DateTimeOffset? neededBy, CancellationToken cancellationToken)
    {
        var candidate = Need.Raise(kind, sourceId, itemKind, title, Math.Clamp(quantity, 1, 10_000), neededBy, time.GetUtcNow());
        // The unique (kind, source_id) index decides between two copies racing; the loser reads the winner's row.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO needs (id, kind, source_id, item_kind, title, quantity, received, needed_by, created_at)
            VALUES ({candidate.Id}, {candidate.Kind}, {sourceId}, {candidate.ItemKind}, {candidate.Title}, {candidate.Quantity}, 0, {neededBy}, {candidate.CreatedAt})
            ON CONFLICT (kind, source_id) WHERE source_id IS NOT NULL
            DO UPDATE SET quantity = GREATEST(needs.quantity, EXCLUDED.quantity), needed_by = COALESCE(EXCLUDED.needed_by, needs.needed_by)
            """, cancellationToken);
        return await db.Needs.AsNoTracking().SingleAsync(n => n.Kind == kind && n.SourceId == sourceId, cancellationToken);
    }
}
