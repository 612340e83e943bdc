using Community.Services.Activities.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Venues;

/// <summary>
/// A venue's closed dates and the sessions planned in it are checked against each other: closing a date locks the
/// venue's row (<see cref="LockedAsync"/>), and planning or moving a session holds it shared (<see cref="HeldAsync"/>)
/// until the session is saved. Before, a closure and a session on the same date could both pass their checks, and two
/// closures of different dates each rewrote the whole list, one lost.
/// </summary>
public static class VenueLocks
{
    /// <summary>The venue, tracked, its row locked for the caller's transaction (closing a date); null when there is none.</summary>
    public static Task<Venue?> LockedAsync(this ActivitiesDbContext db, Guid venueId, CancellationToken cancellationToken) =>
        db.Venues.FromSql($"SELECT * FROM venues WHERE id = {venueId} FOR UPDATE").FirstOrDefaultAsync(cancellationToken);

    /// <summary>The venue, its row held shared for the caller's transaction (a session planned or moved there); null when there is none.</summary>
    public static Task<Venue?> HeldAsync(this ActivitiesDbContext db, Guid venueId, CancellationToken cancellationToken) =>
        db.Venues.FromSql($"SELECT * FROM venues WHERE id = {venueId} FOR SHARE").AsNoTracking().FirstOrDefaultAsync(cancellationToken);
}
