using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Community.Persistence;

/// <summary>
/// One instance at a time for a pass whose work is a whole set (a bulk reminder pass, publishing a feed in order) rather
/// than items each claimed on its own: a PostgreSQL advisory lock held by the open transaction, taken only if free —
/// an instance that finds it taken skips its pass, since another instance's is as good.
/// </summary>
public static class PassLock
{
    /// <summary>Takes the lock named <paramref name="name"/> until the current transaction ends; false when another holds it.</summary>
    public static async Task<bool> TryTakeForTransactionAsync(this DatabaseFacade database, string name, CancellationToken cancellationToken)
    {
        if (database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A pass lock lasts as long as a transaction: begin one first.");
        }

        return await database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtextextended({name}, 0)) AS \"Value\"")
            .SingleAsync(cancellationToken);
    }
}
