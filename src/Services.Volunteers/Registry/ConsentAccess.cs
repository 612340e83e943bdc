namespace Community.Services.Volunteers.Registry;

/// <summary>Who may act on a guardian's consent for a child.</summary>
public static class ConsentAccess
{
    /// <summary>A child's consent records are read and withdrawn by the guardian who gave them (by their linked record), or by staff.</summary>
    public static bool MayManage(VolunteerCaller caller, Guid? guardianId) =>
        caller.IsStaff || (guardianId is { } guardian && caller.VolunteerId == guardian);

    /// <summary>
    /// A consent is recorded, when a child registers, by the guardian, or by staff or a grid worker of the guardian's
    /// grid who took it on paper.
    /// </summary>
    public static bool MayRecord(VolunteerCaller caller, Volunteer guardian) =>
        caller.IsStaff || caller.WorksTheGridOf(guardian) || caller.VolunteerId == guardian.Id;
}
