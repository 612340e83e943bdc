using Community.Services.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Requests;

/// <summary>
/// The follow-ups a team owes after a dispute's agreement — two and eight weeks later — and their ticking off:
/// each follow-up recorded marks the earliest one still open done.
/// </summary>
public static class FollowUpSchedule
{
    public static readonly IReadOnlyList<int> Weeks = [2, 8];

    public static IReadOnlyList<DateTimeOffset> DueTimes(DateTimeOffset agreedAt) => Weeks.Select(w => agreedAt.AddDays(7 * w)).ToList();

    public static void ScheduleFollowUps(this GridDbContext db, Guid requestId, DateTimeOffset agreedAt) =>
        db.ScheduledFollowUps.AddRange(DueTimes(agreedAt).Select(due => new ScheduledFollowUp { Id = Guid.CreateVersion7(), RequestId = requestId, DueAt = due }));

    public static async Task MarkNextFollowUpDoneAsync(this GridDbContext db, Guid requestId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = await db.ScheduledFollowUps.Where(f => f.RequestId == requestId && f.DoneAt == null).OrderBy(f => f.DueAt).FirstOrDefaultAsync(cancellationToken);
        if (next is not null)
        {
            next.DoneAt = now;
        }
    }
}
