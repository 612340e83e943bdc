using Community.Services.Volunteers.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>
/// Another service's need for helpers (a session's tutors, a resident's request) becomes an opportunity with one
/// shift for exactly the number needed, once per request id however often the need is announced.
/// </summary>
public static class NeedIntake
{
    /// <summary>A need without helpers or without a time range can never be met; retrying it would not help.</summary>
    public static bool IsMeetable(int needed, DateTimeOffset startsAt, DateTimeOffset endsAt) => needed >= 1 && endsAt > startsAt;

    public static Task<bool> IsKnownAsync(this VolunteersDbContext db, Guid requestId, CancellationToken cancellationToken) =>
        db.Opportunities.AnyAsync(o => o.RequestId == requestId, cancellationToken);

    public static Shift OpenWithOneShift(
        this VolunteersDbContext db, Opportunity opportunity, DateTimeOffset startsAt, DateTimeOffset endsAt, string place, Guid? buildingId, int needed)
    {
        db.Opportunities.Add(opportunity);
        return db.Shifts.Add(opportunity.NewShift(startsAt, endsAt, place, buildingId, needed, needed)).Entity;
    }
}
