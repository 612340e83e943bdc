using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Community.ServiceDefaults.Auth;

/// <summary>
/// Mints tokens signed with the local signing key, for local use and tests until the identity provider
/// lands. <c>./token.sh ROLE</c> wraps this.
/// </summary>
public static class DevTokens
{
    public const string RoleClaim = "role";
    public const string NameClaim = "name";
    public const string SubjectClaim = "sub";

    public static string Mint(
        string signingKey,
        IEnumerable<string> roles,
        string? subject = null,
        string? name = null,
        TimeSpan? lifetime = null,
        string issuer = AuthOptions.DefaultIssuer,
        string audience = AuthOptions.DefaultAudience)
    {
        var claims = new List<Claim> { new(SubjectClaim, subject ?? Guid.NewGuid().ToString()) };
        if (name is not null)
        {
            claims.Add(new Claim(NameClaim, name));
        }

        claims.AddRange(roles.Select(role => new Claim(RoleClaim, role)));

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
