using System.Security.Cryptography;
using Community.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Community.Identity.Keys;

/// <summary>
/// Gives OpenIddict its keys from the database, making a new one when the newest is due for rotation. Runs
/// when the server's options are first built, which is after the migrations (they run before the provider listens).
/// </summary>
internal sealed partial class ProviderKeysSetup(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<KeyOptions> keyOptions, ILogger<ProviderKeysSetup> logger)
    : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var now = time.GetUtcNow();

        foreach (var key in KeysInUse(db, ProviderKey.Signing, now))
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(key.Material, out _);
            options.SigningCredentials.Add(new SigningCredentials(
                new RsaSecurityKey(rsa) { KeyId = key.Id.ToString("N") }, SecurityAlgorithms.RsaSha256));
        }

        foreach (var key in KeysInUse(db, ProviderKey.Encryption, now))
        {
            options.EncryptionCredentials.Add(new EncryptingCredentials(
                new SymmetricSecurityKey(key.Material) { KeyId = key.Id.ToString("N") },
                SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }

    private List<ProviderKey> KeysInUse(AccountsDbContext db, string use, DateTimeOffset now)
    {
        var settings = keyOptions.Value;
        var keys = db.ProviderKeys.AsNoTracking().Where(k => k.Use == use).ToList();
        if (KeyRotation.NeedsNewKey(keys.Select(k => k.CreatedAt), now, settings.RotateAfter))
        {
            var created = ProviderKey.Create(use, use == ProviderKey.Signing ? NewRsaKey() : RandomNumberGenerator.GetBytes(32), now);
            db.ProviderKeys.Add(created);
            db.SaveChanges();
            keys.Add(created);
            LogCreated(use, created.Id);
        }

        return KeyRotation.InUse(keys, k => k.CreatedAt, now, settings.Retention).ToList();
    }

    private static byte[] NewRsaKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKey();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Made a new {Use} key {KeyId}; older keys stay in use until their retention ends.")]
    private partial void LogCreated(string use, Guid keyId);
}
