using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Community.ServiceDefaults.Auth;
using Microsoft.IdentityModel.Tokens;

namespace Community.Testing;

/// <summary>
/// Mints tokens signed with a symmetric key, for tests and for <c>./token.sh ROLE</c> (tools/MintToken links this
/// file) on a system started with that key. Production code never mints tokens.
/// </summary>
public static class DevTokens
{
    public static string Mint(
        string signingKey,
        IEnumerable<string> roles,
        string? subject = null,
        string? name = null,
        TimeSpan? lifetime = null,
        string issuer = AuthOptions.DefaultIssuer,
        string audience = AuthOptions.DefaultAudience)
    {
        // An empty subject leaves the claim out, for tests of tokens that name nobody.
        var claims = subject == "" ? new List<Claim>() : [new(CommunityClaims.Subject, subject ?? Guid.NewGuid().ToString())];
        if (name is not null)
        {
            claims.Add(new Claim(CommunityClaims.Name, name));
        }

        claims.AddRange(roles.Select(role => new Claim(CommunityClaims.Role, role)));

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now.AddSeconds(-5),
            Expires = now.Add(lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
