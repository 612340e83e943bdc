using Community.Services.Grid.Grids;

namespace Community.Services.Grid.Places;

/// <summary>
/// What a person may see of households and residents besides their grid team's view (which
/// <see cref="GridAccess.MayWorkOnBuildingAsync"/> decides): by the resident record linked to their account, their
/// own household, themselves and those they are guardian of.
/// </summary>
public static class PeopleAccess
{
    /// <summary>The caller lives in the household now (one who moved out no longer reads who lives there).</summary>
    public static bool LivesIn(this CallerLinks caller, IEnumerable<Resident> household) =>
        caller.ResidentId is { } me && household.Any(r => r.Id == me && r.MovedOutAt == null);

    /// <summary>The caller is the resident, or the resident's guardian.</summary>
    public static bool SpeaksFor(this CallerLinks caller, Resident resident) =>
        caller.ResidentId is { } me && (resident.Id == me || resident.GuardianId == me);
}
