using Community.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Messaging.Outbox;

/// <summary>
/// What waits in the outbox: how many events are not yet confirmed by the broker and how long the oldest has
/// waited. The monitor reads it every few seconds for the gauges; the health check and the operator's
/// "show outbox backlog" read it fresh.
/// </summary>
public sealed class OutboxBacklog
{
    /// <summary>The last reading, or null before the first one.</summary>
    public BacklogReading? Latest { get; private set; }

    public async Task<BacklogReading> ReadAsync(IMessagingDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One aggregate over the partial index on pending rows: cheap however many rows were published.
        var pending = await db.OutboxMessages.Where(m => m.PublishedAt == null)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.LongCount(), Oldest = g.Min(m => m.CreatedAt) })
            .FirstOrDefaultAsync(cancellationToken);
        var count = pending?.Count ?? 0;
        var oldest = pending?.Oldest;
        var reading = new BacklogReading(count, oldest is { } at && at < now ? now - at : TimeSpan.Zero, now);
        Latest = reading;
        return reading;
    }

    /// <summary>The pending events counted by type (short name), most first.</summary>
    public static async Task<IReadOnlyList<BacklogByType>> ByTypeAsync(IMessagingDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await db.OutboxMessages.Where(m => m.PublishedAt == null)
            .GroupBy(m => m.MessageType)
            .Select(g => new { Type = g.Key, Count = g.LongCount(), Oldest = g.Min(m => m.CreatedAt), Failing = g.LongCount(m => m.Attempts > 0) })
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => new BacklogByType(ShortName(r.Type), r.Count, r.Failing, now > r.Oldest ? now - r.Oldest : TimeSpan.Zero))
            .OrderByDescending(r => r.Pending).ThenBy(r => r.EventType, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary><c>Community.Contracts.Activities.RegistrationConfirmed, Contracts</c> → <c>RegistrationConfirmed</c>.</summary>
    public static string ShortName(string messageType)
    {
        var typeName = messageType.Split(',')[0];
        return typeName[(typeName.LastIndexOf('.') + 1)..];
    }
}

public sealed record BacklogReading(long Pending, TimeSpan OldestAge, DateTimeOffset ReadAt);

public sealed record BacklogByType(string EventType, long Pending, long Failing, TimeSpan OldestAge);
