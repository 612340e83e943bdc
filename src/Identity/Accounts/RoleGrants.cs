using Community.ServiceDefaults.Auth;

namespace Community.Identity.Accounts;

/// <summary>
/// Who may grant or revoke which role. An administrator may change any role; station staff the roles of the
/// people they work with (resident, volunteer, grid worker, partner), and only theirs: not a colleague's or an
/// administrator's, not even their resident role; nobody changes their own roles.
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

    /// <summary>Whether the caller may act on the account at all (change a role, disable it, reset its password): only one whose every role they could change.</summary>
    public static bool MayActOn(IEnumerable<string> callerRoles, bool self, IEnumerable<string> accountRoles)
    {
        var held = callerRoles.ToList();
        return !self && accountRoles.All(role => MayChange(held, self: false, role));
    }
}
