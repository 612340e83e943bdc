using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Registrations;

/// <summary>
/// Who a registration is for, decided from records rather than from the request: a resident known from Grid brings
/// their own name, birth year and household (so leaving a field out dodges neither the age rule nor the household
/// cap), and is one participant however many people register them.
/// </summary>
/// <param name="Key">What makes two registrations the same person's (unique per session while live).</param>
/// <param name="Household">Whose places the household cap counts: the resident's household, else the registrant's.</param>
/// <param name="ResidentId">The participant's resident record, when known.</param>
/// <param name="ConsentId">The consent the registrant acts under, when they act for someone who is neither themselves nor their ward.</param>
public sealed record Participant(string Key, string Name, int? BirthYear, string Household, Guid? ResidentId, bool OnBehalf, Guid? ConsentId);

/// <summary>Either the participant, or why there is none (a problem to answer with).</summary>
public sealed record ParticipantOutcome(Participant? Participant, ProblemDetails? Problem, FieldErrors? Errors);

public static class Participants
{
    /// <summary>Works out the participant of a registration the caller asks for.</summary>
    public static async Task<ParticipantOutcome> ResolveAsync(
        ActivitiesDbContext db, ClaimsPrincipal caller, RegisterRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var account = Guid.TryParse(caller.Subject(), out var id) ? id : Guid.Empty;
        var me = await db.KnownResidents.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == account, cancellationToken);

        if (!string.IsNullOrWhiteSpace(request.ResidentId))
        {
            if (!Guid.TryParse(request.ResidentId, out var residentId))
            {
                return new(null, null, new FieldErrors().Add("residentId", "must be a resident's id."));
            }

            var resident = await db.KnownResidents.AsNoTracking().FirstOrDefaultAsync(r => r.ResidentId == residentId, cancellationToken);
            if (resident is null)
            {
                return new(null, Problems.NotFound("No such resident.",
                    $"Activities knows no resident {residentId}: the grid team records residents (it reaches here within seconds)."), null);
            }

            var facts = new Participant($"resident:{resident.ResidentId}", resident.Name, resident.BirthYear, $"household:{resident.HouseholdId}",
                resident.ResidentId, OnBehalf: true, ConsentId: null);
            if (resident.AccountId == account)
            {
                return new(facts with { OnBehalf = false }, null, null);
            }

            if (resident.MovedOutAt is not null)
            {
                return new(null, Problems.Conflict("The resident moved out.",
                    "This resident moved out of the neighbourhood; nobody registers them on their behalf any more."), null);
            }

            if (me is not null && resident.GuardianId == me.ResidentId)
            {
                return new(facts, null, null);
            }

            var consent = await db.ActingConsents.AsNoTracking().Where(ActingConsent.HoldingFor(account, now)).Where(c => c.ResidentId == resident.ResidentId)
                .Select(c => (Guid?)c.ConsentId).FirstOrDefaultAsync(cancellationToken);
            return consent is { } consentId
                ? new(facts with { ConsentId = consentId }, null, null)
                : new(null, NoConsent(), null);
        }

        if (me is not null && request.OnBehalf != true)
        {
            return new(new Participant($"resident:{me.ResidentId}", me.Name, me.BirthYear, $"household:{me.HouseholdId}", me.ResidentId, false, null), null, null);
        }

        // Someone with no record: named by the registrant, counted against the registrant's household.
        var errors = new FieldErrors().Require("participantName", request.ParticipantName, 50);
        if (request.OnBehalf == true && caller.IsStaffOrGridWorker() && me is null)
        {
            errors.Add("residentId", "is required to register someone on their behalf: their record and their consent decide.");
        }

        if (errors.Any)
        {
            return new(null, null, errors);
        }

        var name = request.ParticipantName!.Trim();
        return new(new Participant($"{account}:{name.ToLowerInvariant()}", name, request.BirthYear,
            me is not null ? $"household:{me.HouseholdId}" : $"account:{account}", null, request.OnBehalf ?? false, null), null, null);
    }

    /// <summary>Says nothing of the person (not even their name): the caller has no right to learn anything about them.</summary>
    public static ProblemDetails NoConsent() => Problems.Forbidden("No consent to act for this person.",
        "This resident has not consented (or no longer consents) to your acting for them in activities: the consent is recorded with their grid team.",
        ProblemTypes.OnBehalfConsentMissing);
}
