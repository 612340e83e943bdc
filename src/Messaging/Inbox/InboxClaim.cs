using Community.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Messaging.Inbox;

/// <summary>The inbox's one write: records message ids for a consumer, in the caller's transaction, and says which were new.</summary>
internal static class InboxClaim
{
    public static async Task<HashSet<Guid>> ClaimAsync<TContext>(
        this TContext db, IReadOnlyCollection<Guid> messageIds, string consumer, string messageType, DateTimeOffset now, CancellationToken cancellationToken)
        where TContext : DbContext, IMessagingDbContext =>
        (await db.Database.SqlQuery<Guid>($"""
            INSERT INTO inbox_messages (message_id, consumer, message_type, processed_at)
            SELECT id, {consumer}, {messageType}, {now} FROM unnest({messageIds.ToArray()}) AS id
            ON CONFLICT DO NOTHING
            RETURNING message_id AS "Value"
            """).ToListAsync(cancellationToken)).ToHashSet();
}
