using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Community.ServiceDefaults.Auth;
using Microsoft.IdentityModel.Tokens;

namespace Community.Testing;

/// <summary>
/// Mints tokens signed with a symmetric key, for tests that host a service by itself and trust that key in the
/// test host (<see cref="DevTokenTrust"/>). Production code neither mints nor trusts such tokens: the end-to-end
/// tests and the benchmarks sign people in at the identity provider.
/// </summary>
public static class DevTokens
{
    /// <summary>The issuer minted tokens name, and the only one <see cref="DevTokenTrust"/> adds.</summary>
    public const string Issuer = "community-local";

    public static string Mint(
        string signingKey,
        IEnumerable<string> roles,
        string? subject = null,
        string? name = null,
        TimeSpan? lifetime = null,
        string issuer = Issuer,
        string audience = AuthOptions.DefaultAudience,
        IReadOnlyDictionary<string, string>? claims = null)
    {
        // An empty subject leaves the claim out, for tests of tokens that name nobody.
        var all = subject == "" ? new List<Claim>() : [new(CommunityClaims.Subject, subject ?? Guid.NewGuid().ToString())];
        if (name is not null)
        {
            all.Add(new Claim(CommunityClaims.Name, name));
        }

        all.AddRange(roles.Select(role => new Claim(CommunityClaims.Role, role)));
        all.AddRange((claims ?? new Dictionary<string, string>()).Select(c => new Claim(c.Key, c.Value)));

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(all),
            IssuedAt = now,
            NotBefore = now.AddSeconds(-5),
            Expires = now.Add(lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
