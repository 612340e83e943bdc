using Community.ServiceDefaults.Auth;
using Community.Services.Volunteers.Registry;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>
/// Who supervises a shift (sees its roster, asks volunteers to join, records who served): staff, or a grid worker of
/// the grid the shift's building is in (any grid worker for a shift with no building).
/// </summary>
public static class ShiftSupervision
{
    public static bool Allows(VolunteerCaller caller, Shift shift) =>
        caller.IsStaff || (caller.Principal.IsInRole(Roles.GridWorker) && (shift.BuildingId is not { } building || caller.WorkedBuildings.Contains(building)));
}
