using System.Security.Claims;
using Community.ServiceDefaults.Auth;

namespace Community.Services.Activities.Registrations;

/// <summary>May this caller act on this registration? Asked by every endpoint that takes a registration's id.</summary>
public static class RegistrationAccess
{
    /// <summary>Staff act on any registration; everyone else only on those they made (for themselves or on someone's behalf).</summary>
    public static bool MayAct(ClaimsPrincipal caller, Registration registration) =>
        caller.IsStaff() || registration.RegisteredBy == caller.Subject();
}
