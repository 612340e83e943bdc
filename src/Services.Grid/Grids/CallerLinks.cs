using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Grids;

/// <summary>
/// What the caller's account is linked to in Grid's records: the volunteer record(s) by which they sit in grid
/// teams (from the registry's <c>VolunteerAccountLinked</c>), and the resident record staff linked to it. A token's
/// subject is an account id, never assumed to be one of Grid's own ids.
/// </summary>
public sealed record CallerLinks(Guid? Account, IReadOnlyList<Guid> VolunteerIds, Guid? ResidentId)
{
    public static readonly CallerLinks Nobody = new(null, [], null);

    /// <summary>Whether <paramref name="id"/> names the caller: their account, their resident record or a volunteer record of theirs.</summary>
    public bool Is(Guid? id) => id is { } value && (Account == value || ResidentId == value || VolunteerIds.Contains(value));
}

public static class CallerLinking
{
    public static async Task<CallerLinks> LinksAsync(this GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(caller.Subject(), out var account))
        {
            return CallerLinks.Nobody;
        }

        var volunteers = await db.VolunteerAccounts.AsNoTracking().Where(l => l.AccountId == account).Select(l => l.VolunteerId).ToListAsync(cancellationToken);
        var resident = await db.Residents.AsNoTracking().Where(r => r.AccountId == account).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        return new CallerLinks(account, volunteers, resident);
    }
}
