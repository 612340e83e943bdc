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
    /// guardian on theirs, whoever made it; the person who made it on someone's behalf while the consent they acted
    /// under still holds; anyone else only on registrations they made for themselves or a person without a record.
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

        if (registration.RegisteredBy != caller.Subject())
        {
            return false;
        }

        return registration.ConsentId is null || await db.ActingConsents.Where(ActingConsent.HoldingFor(account, now))
            .AnyAsync(c => c.ResidentId == registration.ParticipantResidentId, cancellationToken);
    }

    /// <summary>The registrations a caller sees as theirs: made by them (on behalf only while the consent holds), for them, or for their ward.</summary>
    public static IQueryable<Registration> Mine(this ActivitiesDbContext db, ClaimsPrincipal caller, DateTimeOffset now)
    {
        var subject = caller.Subject();
        var account = Guid.TryParse(subject, out var id) ? id : Guid.Empty;
        var own = db.KnownResidents.Where(r => r.AccountId == account).Select(r => r.ResidentId);
        var wards = db.KnownResidents.Where(r => r.GuardianId != null && own.Contains(r.GuardianId.Value)).Select(r => r.ResidentId);
        var actingFor = db.ActingConsents.Where(ActingConsent.HoldingFor(account, now)).Select(c => c.ResidentId);
        return db.Registrations.Where(r =>
            (r.ParticipantResidentId != null && (own.Contains(r.ParticipantResidentId.Value) || wards.Contains(r.ParticipantResidentId.Value))) ||
            (r.RegisteredBy == subject && (r.ConsentId == null || (r.ParticipantResidentId != null && actingFor.Contains(r.ParticipantResidentId.Value)))));
    }
}
