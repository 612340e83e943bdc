using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Community.Persistence;

/// <summary>
/// Reads a row to change it, locked until the transaction ends (<c>FOR UPDATE</c>): for a consumer that compares an
/// event with the row ("an older change never overwrites a newer one") and then writes it. Without the lock, two events
/// about the same row consumed side by side both read the old row, and whichever commits last wins, older or not.
/// Or reads a row another change depends on, held shared (<c>FOR SHARE</c>): a check-in holds its session against its
/// completion, a new session its venue against a closure; readers holding it shared do not wait for each other.
/// </summary>
public static class RowLocks
{
    /// <summary>The row whose <paramref name="column"/> equals <paramref name="value"/> (usually a key; else the first of them, all locked), locked; null when there is none yet.</summary>
    public static Task<T?> LockedAsync<T>(this DbSet<T> set, Expression<Func<T, object?>> column, object value, CancellationToken cancellationToken)
        where T : class => ReadAsync(set, column, value, "FOR UPDATE", cancellationToken);

    /// <summary>As <see cref="LockedAsync"/>, held shared (<c>FOR SHARE</c>): a writer of the row waits until the transaction ends.</summary>
    public static Task<T?> HeldAsync<T>(this DbSet<T> set, Expression<Func<T, object?>> column, object value, CancellationToken cancellationToken)
        where T : class => ReadAsync(set, column, value, "FOR SHARE", cancellationToken);

    private static async Task<T?> ReadAsync<T>(DbSet<T> set, Expression<Func<T, object?>> column, object value, string lockClause, CancellationToken cancellationToken)
        where T : class
    {
        var entity = set.EntityType;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var member = (column.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : column.Body) as MemberExpression
            ?? throw new ArgumentException("Name one property of the row, as in r => r.Id.", nameof(column));
        var name = entity.FindProperty(member.Member.Name)?.GetColumnName(table)
            ?? throw new ArgumentException($"{member.Member.Name} is not a column of {table.Name}.", nameof(column));
        // The names come from the model, never from input; the value is a parameter. Not composed further (no LIMIT
        // around it): the statement runs as written.
        var sql = "SELECT * FROM \"" + table.Name + "\" WHERE \"" + name + "\" = {0} " + lockClause;
        var rows = await set.FromSqlRaw(sql, value).ToListAsync(cancellationToken);
        return rows.FirstOrDefault();
    }
}
