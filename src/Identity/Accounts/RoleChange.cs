namespace Community.Identity.Accounts;

/// <summary>One grant or revocation of a role: who changed it, when and why. Kept for good.</summary>
public sealed class RoleChange
{
    public const int ReasonLength = 200;

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    public string Role { get; private set; } = "";

    /// <summary><c>granted</c> or <c>revoked</c>.</summary>
    public string Change { get; private set; } = "";

    public string ChangedBy { get; private set; } = "";

    public DateTimeOffset ChangedAt { get; private set; }

    public string Reason { get; private set; } = "";

    public static RoleChange Granted(Guid accountId, string role, string by, string reason, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), AccountId = accountId, Role = role, Change = "granted", ChangedBy = by, ChangedAt = now, Reason = reason };

    public static RoleChange Revoked(Guid accountId, string role, string by, string reason, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), AccountId = accountId, Role = role, Change = "revoked", ChangedBy = by, ChangedAt = now, Reason = reason };
}
