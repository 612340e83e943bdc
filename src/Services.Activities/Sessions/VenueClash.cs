using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.Series;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Sessions;

/// <summary>After the exclusion constraint refused a session, names the one already holding the venue, so staff see what to move.</summary>
public static class VenueClash
{
    public static async Task<ProblemDetails> DescribeAsync(ActivitiesDbContext db, Guid venueId, IReadOnlyList<Session> wanted, CancellationToken cancellationToken)
    {
        var wantedIds = wanted.Select(w => w.Id).ToList();
        foreach (var session in wanted)
        {
            var other = await db.Sessions.AsNoTracking()
                .Where(s => s.VenueId == venueId && !wantedIds.Contains(s.Id) && s.Status != SessionStatus.Cancelled && s.StartsAt < session.EndsAt && session.StartsAt < s.EndsAt)
                .Join(db.Series, s => s.SeriesId, series => series.Id, (s, series) => new { s.Id, s.StartsAt, s.EndsAt, series.Title })
                .FirstOrDefaultAsync(cancellationToken);
            if (other is not null)
            {
                var problem = Problems.Conflict("The venue is taken.",
                    $"'{other.Title}' uses the venue from {Recurrence.ToLocal(other.StartsAt):yyyy-MM-dd HH:mm} to {Recurrence.ToLocal(other.EndsAt):HH:mm} (Shanghai time).",
                    ActivityProblems.VenueClash);
                problem.Extensions["conflictingSessionId"] = other.Id;
                return problem;
            }
        }

        return Problems.Conflict("The venue is taken.", "Another session overlaps in this venue.", ActivityProblems.VenueClash);
    }
}
