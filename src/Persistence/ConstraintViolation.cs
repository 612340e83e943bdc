using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Community.Persistence;

/// <summary>A database rule (unique index or exclusion constraint) that a save would have broken.</summary>
public sealed record ConstraintViolation(string SqlState, string? Constraint)
{
    public bool IsUnique => SqlState == PostgresErrorCodes.UniqueViolation;

    public bool IsExclusion => SqlState == PostgresErrorCodes.ExclusionViolation;
}

public static class SaveChangesExtensions
{
    /// <summary>
    /// Saves, and hands back the rule that was broken when a unique index or an exclusion constraint refused
    /// the change (null when it was saved), so the caller answers with the problem that rule means. The
    /// refused changes are dropped from the change tracker: the context can still be read from.
    /// </summary>
    public static async Task<ConstraintViolation?> TrySaveChangesAsync(this DbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation,
        } postgres)
        {
            db.ChangeTracker.Clear();
            return new ConstraintViolation(postgres.SqlState, postgres.ConstraintName);
        }
    }
}
