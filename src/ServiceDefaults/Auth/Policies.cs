using Microsoft.AspNetCore.Authorization;

namespace Community.ServiceDefaults.Auth;

/// <summary>
/// Who may call an endpoint at all, by role, named once for every service. Endpoints name a policy
/// (<c>.RequireAuthorization(Policies.Staff)</c>); whether the caller may act on the particular resource
/// (their grid, their household, their shift) is decided by that resource's access check.
/// </summary>
public static class Policies
{
    /// <summary>Station staff and administrators: may act on anyone's records.</summary>
    public const string Staff = "staff";

    /// <summary>Staff and grid workers: the people who run the grids, recruit volunteers and act for residents.</summary>
    public const string Workers = "workers";

    /// <summary>Workers and residents: may report a problem and follow their own requests.</summary>
    public const string Reporters = "reporters";

    /// <summary>Workers and volunteers: volunteers act on their own records, teams and shifts.</summary>
    public const string WorkersAndVolunteers = "workers-and-volunteers";

    /// <summary>Workers, volunteers and partners: may read open shifts.</summary>
    public const string ShiftReaders = "shift-readers";

    /// <summary>Staff and volunteers at a session's door: check-in.</summary>
    public const string AtTheDoor = "at-the-door";

    /// <summary>Everyone who may register for an activity: residents, volunteers and workers.</summary>
    public const string Participants = "participants";

    /// <summary>Partner organisations' people and systems: act only for their own organisation.</summary>
    public const string Partners = "partners";

    /// <summary>Staff and partners: the needs board, pledges and the public event feed.</summary>
    public const string PartnersAndStaff = "partners-and-staff";

    /// <summary>The roles each policy admits.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [Staff] = [Roles.StationStaff, Roles.Admin],
        [Workers] = [Roles.StationStaff, Roles.Admin, Roles.GridWorker],
        [Reporters] = [Roles.StationStaff, Roles.Admin, Roles.GridWorker, Roles.Resident],
        [WorkersAndVolunteers] = [Roles.StationStaff, Roles.Admin, Roles.GridWorker, Roles.Volunteer],
        [ShiftReaders] = [Roles.StationStaff, Roles.Admin, Roles.GridWorker, Roles.Volunteer, Roles.Partner],
        [AtTheDoor] = [Roles.StationStaff, Roles.Admin, Roles.Volunteer],
        [Participants] = [Roles.StationStaff, Roles.Admin, Roles.GridWorker, Roles.Volunteer, Roles.Resident],
        [Partners] = [Roles.Partner],
        [PartnersAndStaff] = [Roles.StationStaff, Roles.Admin, Roles.Partner],
    };

    public static AuthorizationBuilder AddCommunityPolicies(this AuthorizationBuilder authorization)
    {
        foreach (var (name, roles) in RolesOf)
        {
            authorization.AddPolicy(name, policy => policy.RequireAuthenticatedUser().RequireRole(roles));
        }

        return authorization;
    }
}
