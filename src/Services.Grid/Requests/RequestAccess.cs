using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Requests;

/// <summary>What the caller is to a request: nobody, its reporter, the reporter of a duplicate merged into it, its grid's team, or staff.</summary>
public enum RequestRelation
{
    None,
    Reporter,
    MergedReporter,
    Team,
    Staff,
}

/// <summary>How a request is loaded: to read, to change (tracked), or to change under a row lock held until the transaction ends.</summary>
public enum RequestLoad
{
    Read,
    Track,
    Lock,
}

/// <summary>"May this caller act on this request?": asked once, here, by every endpoint that takes a request's id.</summary>
public static class RequestAccess
{
    /// <summary>Loads a request and works out what the caller is to it; each endpoint decides which relations it admits.</summary>
    public static async Task<(ResidentRequest? Request, RequestRelation Relation)> LoadAsync(
        this GridDbContext db, Guid id, ClaimsPrincipal caller, RequestLoad load, CancellationToken cancellationToken)
    {
        var request = load switch
        {
            RequestLoad.Lock => await db.Requests.FromSql($"SELECT * FROM requests WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(cancellationToken),
            RequestLoad.Track => await db.Requests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken),
            _ => await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken),
        };
        return request is null ? (null, RequestRelation.None) : (request, await db.RelationAsync(request, caller, cancellationToken));
    }

    /// <summary>Staff and the request's grid team work on it.</summary>
    public static bool Works(this RequestRelation relation) => relation is RequestRelation.Staff or RequestRelation.Team;

    /// <summary>The resident whose report it is, directly or through a duplicate merged into it: follows it, answers its follow-up, may reopen it.</summary>
    public static bool Reported(this RequestRelation relation) => relation is RequestRelation.Reporter or RequestRelation.MergedReporter;

    private static async Task<RequestRelation> RelationAsync(this GridDbContext db, ResidentRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (caller.IsStaff())
        {
            return RequestRelation.Staff;
        }

        if (caller.IsInRole(Roles.GridWorker) && await db.MayWorkOnAsync(caller, request.GridId, cancellationToken))
        {
            return RequestRelation.Team;
        }

        // The reporter is named by their account (reported themselves) or their resident record (staff took it in).
        var me = await db.LinksAsync(caller, cancellationToken);
        if (caller.IsInRole(Roles.Resident) && me.Account is { } account)
        {
            var resident = me.ResidentId ?? Guid.Empty;
            if (me.Is(request.ReporterId))
            {
                return RequestRelation.Reporter;
            }

            if (await db.Requests.AnyAsync(d => d.MergedIntoId == request.Id && (d.ReporterId == account || d.ReporterId == resident), cancellationToken))
            {
                return RequestRelation.MergedReporter;
            }
        }

        return RequestRelation.None;
    }
}
