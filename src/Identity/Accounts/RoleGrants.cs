using Community.ServiceDefaults.Auth;

namespace Community.Identity.Accounts;

/// <summary>
/// Who may grant or revoke which role. An administrator may change any role; station staff the roles of the
/// people they work with (resident, volunteer, grid worker, partner); nobody changes their own roles.
/// </summary>
public static class RoleGrants
{
    private static readonly string[] StaffMayGrant = [Roles.Resident, Roles.Volunteer, Roles.GridWorker, Roles.Partner];

    public static bool MayChange(IEnumerable<string> callerRoles, bool self, string role)
    {
        if (self || !Roles.All.Contains(role))
        {
            return false;
        }

        var held = callerRoles.ToHashSet(StringComparer.Ordinal);
        return held.Contains(Roles.Admin) || (held.Contains(Roles.StationStaff) && StaffMayGrant.Contains(role));
    }
}
