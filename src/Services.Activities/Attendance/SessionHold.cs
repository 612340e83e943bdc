using Community.Services.Activities.Data;
using Community.Services.Activities.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Attendance;

/// <summary>
/// What happens at the door (a check-in, a volunteer's arrival or departure) holds the session's row shared until it
/// commits. Completion locks the row to mark no-shows and announce who served, so a check-in either lands before it
/// (and counts) or finds the session completed. Before, a check-in that read "scheduled" just as completion committed
/// left a registration both a no-show and attended, and a volunteer's late arrival uncredited. Shared, so check-ins at
/// one door do not wait for each other.
/// </summary>
public static class SessionHold
{
    /// <summary>The session, its row held shared for the caller's transaction; null when there is no such session.</summary>
    public static Task<Session?> HoldSessionAsync(this ActivitiesDbContext db, Guid sessionId, CancellationToken cancellationToken) =>
        db.Sessions.FromSql($"SELECT * FROM sessions WHERE id = {sessionId} FOR SHARE").AsNoTracking().FirstOrDefaultAsync(cancellationToken);
}
