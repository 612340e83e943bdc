using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.Services.Activities.Data;
using Community.Services.Activities.People;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Registrations;

/// <summary>May this caller act on this registration? Asked by every endpoint that takes a registration's id.</summary>
public static class RegistrationAccess
{
    /// <summary>
    /// Staff act on any registration; the participant (by the account linked to their resident record) and their
    /// guardian on theirs, whoever made it; someone the participant's consent lets act for them now, whoever made it;
    /// anyone else only on registrations they made for themselves or a person without a record.
    /// </summary>
    public static async Task<bool> MayActAsync(this ActivitiesDbContext db, ClaimsPrincipal caller, Registration registration, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (caller.IsStaff())
        {
            return true;
        }

        var account = Guid.TryParse(caller.Subject(), out var id) ? id : Guid.Empty;
        if (registration.ParticipantResidentId is { } participant &&
            await db.KnownResidents.AnyAsync(r => r.ResidentId == participant && (r.AccountId == account ||
                (r.GuardianId != null && db.KnownResidents.Any(g => g.ResidentId == r.GuardianId && g.AccountId == account))), cancellationToken))
        {
            return true;
        }

        // Someone the participant consented to act for them (a grid worker answering an offer she took by phone),
        // whoever made the registration.
        if (registration.ParticipantResidentId is { } person &&
            await db.ActingConsents.Where(ActingConsent.HoldingFor(account, now)).AnyAsync(c => c.ResidentId == person, cancellationToken))
        {
            return true;
        }

        return registration.RegisteredBy == caller.Subject() && registration.ConsentId is null;
    }

    /// <summary>The registrations a caller sees as theirs: made by them for themselves, for them, for their ward, or for someone whose consent lets them act now.</summary>
    public static IQueryable<Registration> Mine(this ActivitiesDbContext db, ClaimsPrincipal caller, DateTimeOffset now)
    {
        var subject = caller.Subject();
        var account = Guid.TryParse(subject, out var id) ? id : Guid.Empty;
        var own = db.KnownResidents.Where(r => r.AccountId == account).Select(r => r.ResidentId);
        var wards = db.KnownResidents.Where(r => r.GuardianId != null && own.Contains(r.GuardianId.Value)).Select(r => r.ResidentId);
        var actingFor = db.ActingConsents.Where(ActingConsent.HoldingFor(account, now)).Select(c => c.ResidentId);
        return db.Registrations.Where(r =>
            (r.ParticipantResidentId != null && (own.Contains(r.ParticipantResidentId.Value) || wards.Contains(r.ParticipantResidentId.Value) ||
                actingFor.Contains(r.ParticipantResidentId.Value))) ||
            (r.RegisteredBy == subject && r.ConsentId == null));
    }
}
