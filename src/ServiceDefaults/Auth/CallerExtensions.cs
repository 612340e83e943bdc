using System.Security.Claims;

namespace Community.ServiceDefaults.Auth;

/// <summary>Who is calling, in the terms the endpoints decide access by.</summary>
public static class CallerExtensions
{
    /// <summary>The token's subject: the person's stable id. Authentication refuses a token without one.</summary>
    public static string Subject(this ClaimsPrincipal caller) =>
        caller.FindFirstValue(CommunityClaims.Subject) ?? throw new InvalidOperationException("An authenticated caller without a subject: authentication should have refused the token.");

    /// <summary>The name to record in an audit trail, else the subject.</summary>
    public static string AuditName(this ClaimsPrincipal caller) => caller.FindFirstValue(CommunityClaims.Name) ?? caller.Subject();

    /// <summary>Who made a change, for an audit row: the subject, with the name when the token carries one.</summary>
    public static string AuditActor(this ClaimsPrincipal caller) =>
        caller.AuditName() == caller.Subject() ? caller.Subject() : $"{caller.Subject()} ({caller.AuditName()})";

    public static bool IsSubject(this ClaimsPrincipal caller, Guid id) => caller.FindFirstValue(CommunityClaims.Subject) == id.ToString();

    /// <summary>Residents' committee staff or an administrator: may act on anyone's records.</summary>
    public static bool IsStaff(this ClaimsPrincipal caller) => caller.IsInRole(Roles.StationStaff) || caller.IsInRole(Roles.Admin);

    /// <summary>Staff or a grid worker: may recruit and act for volunteers.</summary>
    public static bool IsStaffOrGridWorker(this ClaimsPrincipal caller) => caller.IsStaff() || caller.IsInRole(Roles.GridWorker);
}
