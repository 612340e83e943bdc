using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Community.Persistence;

/// <summary>
/// Who did what is written down as <c>"{account id} ({name})"</c> (<c>AuditActor</c>) in every <c>…By</c> column —
/// <c>TakenBy</c>, <c>ChangedBy</c>, <c>RecordedBy</c>, <c>CancelledBy</c> — and, where a column beside it keeps the
/// name alone, in <c>…ByName</c>. When that person asks for their data to be erased, the records of what they did stay
/// (a request's history, a consent's recorder) but no longer name them: the account id stays, the name goes.
/// The convention is the contract: a new audit column named <c>…By</c> is covered without being listed here.
/// </summary>
public static class ActorErasure
{
    /// <summary>Takes the person's name out of every audit column of <paramref name="db"/>'s tables; the number of rows changed.</summary>
    public static async Task<int> ForgetActorAsync(this DbContext db, string subject, string erasedName, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var (table, by, byName) in AuditColumns(db.Model))
        {
            // Table and column names come from the model, never from input; the values are parameters.
            var sql = byName is null
                ? $"UPDATE {table} SET \"{by}\" = {{0}} WHERE \"{by}\" LIKE {{1}}"
                : $"UPDATE {table} SET \"{by}\" = {{0}}, \"{byName}\" = {{2}} WHERE (\"{by}\" = {{0}} AND \"{byName}\" <> {{2}}) OR \"{by}\" LIKE {{1}}";
#pragma warning disable EF1002 // identifiers from the EF model only; every value is a parameter
            changed += await db.Database.ExecuteSqlRawAsync(sql, [subject, subject + " (%", erasedName], cancellationToken);
#pragma warning restore EF1002
        }

        return changed;
    }

    /// <summary>Each table's <c>…By</c> text columns, with the <c>…ByName</c> column beside them where there is one.</summary>
    public static IEnumerable<(string Table, string By, string? ByName)> AuditColumns(IModel model)
    {
        foreach (var entity in model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
        {
            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var table = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{store.Name}\"" : $"\"{store.Name}\"";
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string) && p.Name.EndsWith("By", StringComparison.Ordinal)))
            {
                if (property.GetColumnName(store) is not { } column)
                {
                    continue;
                }

                var name = entity.FindProperty(property.Name + "Name")?.GetColumnName(store);
                yield return (table, column, name);
            }
        }
    }
}
