using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Community.Persistence;

/// <summary>
/// Serialises transactions that would otherwise race on the same keys without a row to lock yet (two batches each about
/// to insert a copy of the same thing): PostgreSQL advisory locks, one per key, held until the transaction ends and taken
/// in one order, so two transactions over overlapping keys wait for each other instead of deadlocking. After the wait the
/// second sees what the first committed (each statement reads afresh under read committed).
/// </summary>
public static class KeyLocks
{
    /// <summary>Waits for and takes the locks on <paramref name="keys"/> (within <paramref name="scope"/>) until the current transaction ends.</summary>
    public static Task LockForTransactionAsync(this DatabaseFacade database, string scope, IEnumerable<Guid> keys, CancellationToken cancellationToken) =>
        database.LockForTransactionAsync(scope, keys.Select(key => key.ToString()), cancellationToken);

    /// <summary>The same for keys that are names (an equipment kind): one lock per distinct name, taken in one order.</summary>
    public static async Task LockForTransactionAsync(this DatabaseFacade database, string scope, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        if (database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A key lock lasts as long as a transaction: begin one first.");
        }

        // Sorted here; unnest keeps the array's order.
        var names = keys.Distinct().Order(StringComparer.Ordinal).Select(key => $"{scope}:{key}").ToArray();
        if (names.Length > 0)
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended(name, 0)) FROM unnest({names}) AS name", cancellationToken);
        }
    }
}
