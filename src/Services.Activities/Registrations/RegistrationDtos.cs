using Community.Services.Activities.Data;
using Microsoft.EntityFrameworkCore;
using Community.Services.Activities.Sessions;

namespace Community.Services.Activities.Registrations;

/// <param name="RegisteredBy">Who made it, by name, when it was made on the participant's behalf (shown to the participant and staff).</param>
/// <param name="ParticipantResidentId">The participant's resident record, when known.</param>
/// <param name="Session">
/// The session it is for — title, time, status — in a person's own list (<c>/registrations/mine</c>) and when read one by
/// one, where a registration without them is a name and a status with nothing to go to; absent where the caller came from
/// the session (its roster, a registration just made).
/// </param>
public sealed record RegistrationDto(
    Guid Id, Guid SessionId, string ParticipantName, string Status, int? WaitlistPosition, DateTimeOffset? OfferExpiresAt,
    string? CheckInCode, bool OnBehalf, DateTimeOffset CreatedAt, string? RegisteredBy = null, Guid? ParticipantResidentId = null,
    string? CancelReason = null, SessionDto? Session = null);

/// <summary>A registration as the registrant and staff see it: the check-in code only once a place is confirmed.</summary>
public static class RegistrationDtos
{
    /// <param name="position">The waitlist position (1 first), or null when not waiting.</param>
    public static RegistrationDto ToDto(Registration r, int? position, SessionDto? session = null) => new(
        r.Id, r.SessionId, r.ParticipantName, r.Status, position, r.OfferExpiresAt,
        r.Status == RegistrationStatus.Confirmed ? r.CheckInCode : null, r.OnBehalf, r.CreatedAt,
        r.OnBehalf ? r.RegisteredByName : null, r.ParticipantResidentId, r.CancelReason, session);

    /// <summary>The sessions <paramref name="registrations"/> are for, as every endpoint shows a session, in one query.</summary>
    public static async Task<IReadOnlyDictionary<Guid, SessionDto>> SessionsOfAsync(
        this ActivitiesDbContext db, IEnumerable<Registration> registrations, CancellationToken cancellationToken)
    {
        var ids = registrations.Select(r => r.SessionId).Distinct().ToList();
        var sessions = await db.Sessions.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Join(db.Series.AsNoTracking(), s => s.SeriesId, a => a.Id, (session, series) => new { session, series })
            .ToListAsync(cancellationToken);
        return sessions.ToDictionary(x => x.session.Id, x => SessionDtos.ToDto(x.session, x.series));
    }
}
