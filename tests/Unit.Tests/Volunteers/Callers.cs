using System.Security.Claims;
using Community.ServiceDefaults.Auth;

namespace Community.Unit.Tests.Volunteers;

/// <summary>Callers as the services see them after the token is validated: a subject and roles.</summary>
internal static class Callers
{
    public static ClaimsPrincipal As(string role, Guid? subject = null) =>
        new(new ClaimsIdentity(
            [new Claim(CommunityClaims.Subject, (subject ?? Guid.NewGuid()).ToString()), new Claim(CommunityClaims.Role, role)],
            "test", CommunityClaims.Name, CommunityClaims.Role));
}
