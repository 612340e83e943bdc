using Community.Persistence;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.Activities;

/// <summary>How a notice names a session: its title and local start, or plain words when Activities has not announced it yet.</summary>
public static class SessionNames
{
    public const string Unknown = "报名的活动";

    private const string UnknownWhen = "（时间见报名详情）";

    public static async Task<(string Title, string When)> NameAsync(this NoticesDbContext db, Guid sessionId, CancellationToken cancellationToken) =>
        (await db.NamesAsync([sessionId], cancellationToken))[sessionId];

    /// <summary>Several sessions' names with one read (<see cref="NameAsync"/> is this for one).</summary>
    public static async Task<IReadOnlyDictionary<Guid, (string Title, string When)>> NamesAsync(
        this NoticesDbContext db, IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken)
    {
        var ids = sessionIds.Distinct().ToList();
        var known = await db.Sessions.AsNoTracking().Where(s => ids.Contains(s.SessionId)).ToDictionaryAsync(s => s.SessionId, cancellationToken);
        return ids.ToDictionary(id => id, id => known.TryGetValue(id, out var session)
            ? (session.Title, NoticeTexts.When(session.StartsAt))
            : (Unknown, UnknownWhen));
    }

    /// <summary>
    /// Takes a lock on the session until the transaction ends (an advisory lock: the tracked row may not exist yet): a
    /// session's cancellation and its registrations' own cancellations, which may tell the same person, take turns
    /// instead of racing to one notice key and undoing a whole fan-out on the collision.
    /// </summary>
    public static Task LockSessionAsync(this NoticesDbContext db, Guid sessionId, CancellationToken cancellationToken) =>
        db.Database.LockForTransactionAsync("notices-session", [sessionId], cancellationToken);
}
