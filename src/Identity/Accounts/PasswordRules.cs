using Microsoft.AspNetCore.Identity;

namespace Community.Identity.Accounts;

/// <summary>
/// Rules an elderly person can live with: a long enough password, no demands for symbols or capitals; a few
/// wrong tries lock the account for a while, not for ever.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 128;
    public const int FailuresBeforeLockout = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static void Apply(IdentityOptions identity)
    {
        identity.Password.RequiredLength = MinimumLength;
        identity.Password.RequireDigit = false;
        identity.Password.RequireLowercase = false;
        identity.Password.RequireUppercase = false;
        identity.Password.RequireNonAlphanumeric = false;
        identity.Password.RequiredUniqueChars = 1;
        identity.Lockout.MaxFailedAccessAttempts = FailuresBeforeLockout;
        identity.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        identity.Lockout.AllowedForNewUsers = true;
        identity.User.RequireUniqueEmail = false;
        identity.User.AllowedUserNameCharacters = "0123456789";
        identity.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>Why a password is refused, in words for the form, or null when it is acceptable.</summary>
    public static string? Refusal(string? password) => password switch
    {
        null or "" => "is required.",
        { Length: < MinimumLength } => $"must be at least {MinimumLength} characters.",
        { Length: > MaximumLength } => $"must be at most {MaximumLength} characters.",
        _ when password.Any(char.IsControl) => "must not contain control characters.",
        _ => null,
    };
}
