using Microsoft.AspNetCore.Identity;

namespace Community.Identity.Accounts;

/// <summary>
/// A person's account: signed in with a mainland mobile number and a password. The number is the user name
/// (stored once, masked everywhere it is shown); the display name is what others see.
/// </summary>
public sealed class Account : IdentityUser<Guid>
{
    public const int DisplayNameLength = 50;

    public string DisplayName { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When staff disabled the account (null: enabled). A disabled account cannot sign in or refresh tokens.</summary>
    public DateTimeOffset? DisabledAt { get; private set; }

    public string? DisabledReason { get; private set; }

    public bool IsDisabled => DisabledAt is not null;

    /// <summary>When its holder had their data erased: the account stays closed for good (a new one can be made).</summary>
    public DateTimeOffset? ErasedAt { get; private set; }

    public bool IsErased => ErasedAt is not null;

    /// <summary>
    /// Large text (the web app's elder mode) as the person chose it, to follow them to any browser they sign in on;
    /// null until they choose, so a browser's own setting is kept.
    /// </summary>
    public bool? LargeText { get; private set; }

    public static Account Create(string phone, string displayName, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        UserName = phone,
        PhoneNumber = phone,
        DisplayName = displayName.Trim(),
        CreatedAt = now,
        LockoutEnabled = true,
        SecurityStamp = Guid.NewGuid().ToString("N"),
    };

    public void Disable(string reason, DateTimeOffset now)
    {
        DisabledAt ??= now;
        DisabledReason = reason;
    }

    /// <summary>
    /// The person asked for their data to be erased: the account keeps only its id (which the services' erasure and the
    /// role history refer to) and can never sign in again — no number, no name, no password.
    /// </summary>
    public void Erase(DateTimeOffset now)
    {
        UserName = $"erased-{Id:N}";
        NormalizedUserName = UserName.ToUpperInvariant();
        PhoneNumber = null;
        PhoneNumberConfirmed = false;
        Email = null;
        NormalizedEmail = null;
        PasswordHash = null;
        DisplayName = ErasedName;
        SecurityStamp = Guid.NewGuid().ToString("N");
        ConcurrencyStamp = Guid.NewGuid().ToString();
        LockoutEnd = DateTimeOffset.MaxValue;
        DisabledAt = now;
        DisabledReason = "erased at the person's request";
        ErasedAt = now;
        LargeText = null;
    }

    /// <summary>What an erased account is called where it is still shown (who granted a role, long ago).</summary>
    public const string ErasedName = "已注销用户";

    public void Enable()
    {
        DisabledAt = null;
        DisabledReason = null;
    }
}
