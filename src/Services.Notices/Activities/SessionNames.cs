using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.Activities;

/// <summary>How a notice names a session: its title and local start, or plain words when Activities has not announced it yet.</summary>
public static class SessionNames
{
    public const string Unknown = "报名的活动";

    public static async Task<(string Title, string When)> NameAsync(this NoticesDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.SessionId == sessionId, cancellationToken);
        return session is null ? (Unknown, "（时间见报名详情）") : (session.Title, NoticeTexts.When(session.StartsAt));
    }

    /// <summary>
    /// Takes the tracked session's row lock until the transaction ends: a session's cancellation and its registrations'
    /// own cancellations, which may tell the same person, take turns instead of racing to one notice key.
    /// </summary>
    public static Task LockSessionAsync(this NoticesDbContext db, Guid sessionId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT 1 FROM tracked_sessions WHERE session_id = {sessionId} FOR UPDATE", cancellationToken);
}
