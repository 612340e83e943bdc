using System.Security.Claims;
using Community.ServiceDefaults.Auth;

namespace Community.Services.Grid.Places;

/// <summary>
/// What a resident may see of households and residents besides their grid team's view (which
/// <see cref="Grids.GridAccess.MayWorkOnBuildingAsync"/> decides): their own household, themselves and those they are guardian of.
/// </summary>
public static class PeopleAccess
{
    /// <summary>The caller is a resident of the household whose residents these are.</summary>
    public static bool LivesIn(this ClaimsPrincipal caller, IEnumerable<Resident> household) =>
        caller.IsInRole(Roles.Resident) && household.Any(r => caller.IsSubject(r.Id));

    /// <summary>The caller is the resident, or the resident's guardian.</summary>
    public static bool SpeaksFor(this ClaimsPrincipal caller, Resident resident) =>
        caller.IsInRole(Roles.Resident) && (caller.IsSubject(resident.Id) || (resident.GuardianId is { } guardian && caller.IsSubject(guardian)));
}
