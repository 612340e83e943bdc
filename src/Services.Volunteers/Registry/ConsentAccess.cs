using System.Security.Claims;
using Community.ServiceDefaults.Auth;

namespace Community.Services.Volunteers.Registry;

/// <summary>Who may act on a guardian's consent for a child.</summary>
public static class ConsentAccess
{
    /// <summary>A child's consent records are read and withdrawn by the guardian who gave them, or by staff.</summary>
    public static bool MayManage(ClaimsPrincipal caller, Guid? guardianId) =>
        caller.IsStaff() || (guardianId is { } guardian && caller.IsSubject(guardian));

    /// <summary>A consent is recorded, when a child registers, by the guardian, or by staff or a grid worker who took it on paper.</summary>
    public static bool MayRecord(ClaimsPrincipal caller, Guid guardianId) =>
        caller.IsStaffOrGridWorker() || caller.IsSubject(guardianId);
}
