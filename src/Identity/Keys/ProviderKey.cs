namespace Community.Identity.Keys;

/// <summary>
/// A key of the provider's: RSA to sign tokens (published in its JWKS for the services), or AES to encrypt
/// its own authorization codes and refresh tokens. Kept in the database so tokens stay valid across restarts
/// and every replica uses the same keys.
/// </summary>
public sealed class ProviderKey
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    public Guid Id { get; private set; }

    /// <summary><see cref="Signing"/> or <see cref="Encryption"/>.</summary>
    public string Use { get; private set; } = "";

    /// <summary>PKCS#8 for an RSA key, the raw bytes for an AES key.</summary>
    public byte[] Material { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public static ProviderKey Create(string use, byte[] material, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), Use = use, Material = material, CreatedAt = now };
}
