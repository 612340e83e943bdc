using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Registry;

/// <param name="Volunteer">The record, when the caller may act on it.</param>
/// <param name="Exists">False when there is no such volunteer (a 404); true without <paramref name="Volunteer"/> when the caller may not (a 403).</param>
public readonly record struct VolunteerLookup(Volunteer? Volunteer, bool Exists);

/// <summary>
/// The one answer to "may this caller act on this volunteer's record?" (their profile, availability, hours,
/// shifts, recognition, assignments): the volunteer (by the account linked to the record), a child's guardian,
/// and staff or grid workers. Other
/// residents and volunteers never see someone else's record.
/// </summary>
public static class VolunteerAccess
{
    public static bool Allows(ClaimsPrincipal caller, Volunteer volunteer) =>
        caller.IsStaffOrGridWorker() || IsTheVolunteer(caller, volunteer) || (volunteer.GuardianId is { } guardian && caller.IsSubject(guardian));

    /// <summary>
    /// The caller is the volunteer: their account is linked to the record. (Tokens minted for tests still name the
    /// volunteer id itself as the subject, until every test signs in through the identity provider.)
    /// </summary>
    public static bool IsTheVolunteer(ClaimsPrincipal caller, Volunteer volunteer) =>
        (volunteer.AccountId is { } account && caller.IsSubject(account)) || caller.IsSubject(volunteer.Id);

    /// <summary>The account a person registering themselves links to their new record: theirs, unless they register someone else.</summary>
    public static Guid? SelfRegisteringAccount(ClaimsPrincipal caller, bool minor) =>
        !minor && !caller.IsStaffOrGridWorker() && Guid.TryParse(caller.Subject(), out var account) ? account : null;

    /// <summary>Loads a volunteer for an endpoint that takes their id, when the caller may act on them.</summary>
    public static async Task<VolunteerLookup> FindForAsync(
        this IQueryable<Volunteer> volunteers, Guid id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var volunteer = await volunteers.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        return volunteer is null ? new(null, false) : new(Allows(caller, volunteer) ? volunteer : null, true);
    }
}
