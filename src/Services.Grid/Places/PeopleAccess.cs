using Community.Services.Grid.Grids;

namespace Community.Services.Grid.Places;

/// <summary>
/// What a person may see of households and residents besides their grid team's view (which
/// <see cref="GridAccess.MayWorkOnBuildingAsync"/> decides): by the resident record linked to their account, their
/// own household, themselves and those they are guardian of.
/// </summary>
public static class PeopleAccess
{
    /// <summary>The caller is a resident of the household whose residents these are.</summary>
    public static bool LivesIn(this CallerLinks caller, IEnumerable<Resident> household) =>
        caller.ResidentId is { } me && household.Any(r => r.Id == me);

    /// <summary>The caller is the resident, or the resident's guardian.</summary>
    public static bool SpeaksFor(this CallerLinks caller, Resident resident) =>
        caller.ResidentId is { } me && (resident.Id == me || resident.GuardianId == me);
}
