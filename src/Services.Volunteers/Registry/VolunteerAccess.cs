using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Registry;

/// <param name="Volunteer">The record, when the caller may act on it.</param>
/// <param name="Exists">False when there is no such volunteer (a 404); true without <paramref name="Volunteer"/> when the caller may not (a 403).</param>
public readonly record struct VolunteerLookup(Volunteer? Volunteer, bool Exists);

/// <summary>
/// The one answer to "may this caller act on this volunteer's record?" (their profile, availability, hours,
/// shifts, recognition, assignments): the volunteer, a child's guardian, and staff or grid workers. Other
/// residents and volunteers never see someone else's record.
/// </summary>
public static class VolunteerAccess
{
    public static bool Allows(ClaimsPrincipal caller, Volunteer volunteer) =>
        caller.IsStaffOrGridWorker() || caller.IsSubject(volunteer.Id) || (volunteer.GuardianId is { } guardian && caller.IsSubject(guardian));

    /// <summary>Loads a volunteer for an endpoint that takes their id, when the caller may act on them.</summary>
    public static async Task<VolunteerLookup> FindForAsync(
        this IQueryable<Volunteer> volunteers, Guid id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var volunteer = await volunteers.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        return volunteer is null ? new(null, false) : new(Allows(caller, volunteer) ? volunteer : null, true);
    }
}
