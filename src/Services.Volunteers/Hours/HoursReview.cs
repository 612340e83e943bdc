using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Registry;

namespace Community.Services.Volunteers.Hours;

/// <summary>
/// How a supervisor reviews self-logged time: only a pending entry is reviewed, nobody reviews their own time or
/// time they logged for someone else, and a rejection says why (a confirmation may).
/// </summary>
public static class HoursReview
{
    public const int MaxReasonLength = 500;

    public const string DefaultReason = "confirmed by a supervisor";

    public static FieldErrors CheckReason(string decision, string? reason)
    {
        var errors = new FieldErrors().Optional("reason", reason, MaxReasonLength);
        if (decision == HourStatuses.Rejected)
        {
            errors.Require("reason", reason, MaxReasonLength);
        }

        return errors;
    }

    /// <summary>
    /// Staff, or a grid worker of the grid the volunteer lives in, review it; neither the volunteer whose time it is nor
    /// whoever logged it (a grid worker logging for someone) confirms it.
    /// </summary>
    public static bool MayReview(VolunteerCaller caller, ServiceHours entry, Volunteer volunteer) =>
        (caller.IsStaff || caller.WorksTheGridOf(volunteer)) &&
        caller.VolunteerId != entry.VolunteerId && !string.Equals(entry.LoggedBy, caller.Principal.Subject(), StringComparison.Ordinal);

    public static bool IsPending(ServiceHours entry) => entry.Status == HourStatuses.Pending;

    /// <summary>What the ledger records as the reason for the change.</summary>
    public static string Reason(string? reason) => reason?.Trim() ?? DefaultReason;
}
