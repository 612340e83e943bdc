using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.Services.Partners.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Partners.Organisations;

/// <summary>
/// Which organisation a partner caller acts for: a partner's system (client credentials) carries its organisation in the
/// <c>org</c> claim; a person with the partner role acts for the organisation that lists their account. Staff act for none
/// but may see every organisation.
/// </summary>
public static class PartnerCaller
{
    public const string OrganisationClaim = "org";

    /// <summary>The approved organisation the caller acts for, or null (not a partner, or not yet approved).</summary>
    public static async Task<Organisation?> OrganisationAsync(this ClaimsPrincipal caller, PartnersDbContext db, CancellationToken cancellationToken)
    {
        if (!caller.IsInRole(Roles.Partner))
        {
            return null;
        }

        if (Guid.TryParse(caller.FindFirstValue(OrganisationClaim), out var claimed))
        {
            return await db.Organisations.FirstOrDefaultAsync(o => o.Id == claimed && o.ApprovedAt != null, cancellationToken);
        }

        if (!Guid.TryParse(caller.Subject(), out var account))
        {
            return null;
        }

        return await db.Organisations
            .Where(o => o.ApprovedAt != null && db.OrganisationMembers.Any(m => m.OrganisationId == o.Id && m.AccountId == account))
            .OrderBy(o => o.Name)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>May the caller see or act on this organisation's records: staff, or a partner acting for it.</summary>
    public static async Task<bool> MayActForAsync(this ClaimsPrincipal caller, Guid organisationId, PartnersDbContext db, CancellationToken cancellationToken) =>
        caller.IsStaff() || (await caller.OrganisationAsync(db, cancellationToken))?.Id == organisationId;
}
