using Community.ServiceDefaults.Privacy;

namespace Community.Identity.Accounts;

/// <summary>An account as others see it: the phone number masked.</summary>
public sealed record AccountDto(Guid Id, string DisplayName, string Phone, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, bool Disabled, string? DisabledReason)
{
    public static AccountDto From(Account account, IEnumerable<string> roles) => new(
        account.Id, account.DisplayName, PhoneNumbers.Mask(account.PhoneNumber ?? ""), roles.Order(StringComparer.Ordinal).ToList(),
        account.CreatedAt, account.IsDisabled, account.DisabledReason);
}

public sealed record RoleChangeDto(string Role, string Change, string ChangedBy, DateTimeOffset ChangedAt, string Reason)
{
    public static RoleChangeDto From(RoleChange c) => new(c.Role, c.Change, c.ChangedBy, c.ChangedAt, c.Reason);
}

public sealed record RegisterRequest(string? Phone, string? Password, string? DisplayName);

public sealed record RoleRequest(string? Role, string? Reason);

public sealed record ReasonRequest(string? Reason);

/// <param name="LargeText">The web app's large-text (elder) mode; null: not chosen yet.</param>
public sealed record PreferencesDto(bool? LargeText);

public sealed record PreferencesRequest(bool? LargeText);
