using System.Security.Cryptography;
using System.Text;

namespace Community.Identity.Activation;

/// <summary>
/// A one-time code printed on a card at the service station: it lets a person without e-mail or a smartphone
/// set their password (a new account, or a forgotten password). Valid for seven days, used once; only its
/// hash is kept.
/// </summary>
public sealed class ActivationCode
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>No 0/O, 1/I/L: letters and digits that cannot be misread on a printed card.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public const int Length = 8;

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    public byte[] CodeHash { get; private set; } = [];

    /// <summary><c>activation</c> (a new account) or <c>reset</c> (a forgotten password).</summary>
    public string Purpose { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    /// <summary>A new code and its row; the plain code is shown once and never stored.</summary>
    public static (ActivationCode Row, string Code) Issue(Guid accountId, string purpose, string createdBy, DateTimeOffset now)
    {
        var code = new string(RandomNumberGenerator.GetItems<char>(Alphabet, Length));
        return (new ActivationCode
        {
            Id = Guid.CreateVersion7(),
            AccountId = accountId,
            CodeHash = Hash(code),
            Purpose = purpose,
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        }, Format(code));
    }

    /// <summary>As printed: two groups of four (<c>ABCD-EFGH</c>).</summary>
    public static string Format(string code) => $"{code[..4]}-{code[4..]}";

    /// <summary>What a person typed, in the printed form or not, in any case, with spaces: the code to compare.</summary>
    public static string Normalise(string typed) =>
        new(typed.ToUpperInvariant().Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    public static byte[] Hash(string code) => SHA256.HashData(Encoding.ASCII.GetBytes(Normalise(code)));

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;
}
