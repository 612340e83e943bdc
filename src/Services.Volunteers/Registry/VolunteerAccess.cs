using System.Security.Claims;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.Services.Volunteers.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Registry;

/// <param name="Volunteer">The record, when the caller may act on it.</param>
/// <param name="Exists">False when there is no such volunteer (a 404); true without <paramref name="Volunteer"/> when the caller may not (a 403).</param>
/// <param name="Caller">Who the caller is to the registry (resolved when the volunteer exists).</param>
public readonly record struct VolunteerLookup(Volunteer? Volunteer, bool Exists, VolunteerCaller? Caller = null);

/// <summary>
/// Who the caller is to the registry, found from their account rather than assumed from the token: the volunteer
/// record linked to their account (if any), and — for a grid worker — the buildings of the grids whose 1+2+X
/// team that record is in (from Grid's <c>GridTeamChanged</c>).
/// </summary>
public sealed record VolunteerCaller(ClaimsPrincipal Principal, Guid? VolunteerId, IReadOnlySet<Guid> WorkedBuildings)
{
    public bool IsStaff => Principal.IsStaff();

    /// <summary>A grid worker whose grid holds the volunteer's home building.</summary>
    public bool WorksTheGridOf(Volunteer volunteer) =>
        Principal.IsInRole(Roles.GridWorker) && volunteer.HomeBuildingId is { } building && WorkedBuildings.Contains(building);
}

/// <summary>
/// The one answer to "may this caller act on this volunteer's record?" (their profile, availability, hours,
/// shifts, recognition, assignments): the volunteer (by the account linked to the record), a child's guardian
/// (an adult volunteer, by theirs), a grid worker of the grid the volunteer lives in, and staff. Other residents,
/// volunteers and grid workers never see someone else's record.
/// </summary>
public static class VolunteerAccess
{
    /// <summary>Resolves the caller once per request: their linked record and, for a grid worker, the buildings they work.</summary>
    public static async Task<VolunteerCaller> CallerAsync(this VolunteersDbContext db, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.Subject(), out var account))
        {
            return new(principal, null, new HashSet<Guid>());
        }

        var volunteerId = await db.Volunteers.AsNoTracking().Where(v => v.AccountId == account)
            .Select(v => (Guid?)v.Id).FirstOrDefaultAsync(cancellationToken);
        if (volunteerId is not { } me || !principal.IsInRole(Roles.GridWorker))
        {
            return new(principal, volunteerId, new HashSet<Guid>());
        }

        var buildings = await db.BuildingGrids.AsNoTracking()
            .Where(b => db.GridTeamMembers.Any(m => m.VolunteerId == me && m.Active && m.GridId == b.GridId))
            .Select(b => b.BuildingId).ToListAsync(cancellationToken);
        return new(principal, me, buildings.ToHashSet());
    }

    /// <summary>
    /// Staff, the grid's workers, the volunteer, and their guardian while the volunteer is not yet an adult (at 18 the
    /// record is theirs alone, though the guardian who once consented stays on it).
    /// </summary>
    public static bool Allows(VolunteerCaller caller, Volunteer volunteer) =>
        caller.IsStaff || caller.WorksTheGridOf(volunteer) || caller.VolunteerId == volunteer.Id ||
        (volunteer.GuardianId is { } guardian && caller.VolunteerId == guardian && !volunteer.IsAdultOn(Neighbourhood.Today(DateTimeOffset.UtcNow)));

    /// <summary>
    /// The volunteers a caller may see in a list (the registry, the hours queue): everyone for staff; for a grid worker,
    /// those living in the grids they work — the records <see cref="Allows"/> opens to them.
    /// </summary>
    public static IQueryable<Volunteer> VisibleTo(this IQueryable<Volunteer> volunteers, VolunteerCaller caller)
    {
        if (caller.IsStaff)
        {
            return volunteers;
        }

        var buildings = caller.WorkedBuildings.ToList();
        return volunteers.Where(v => v.HomeBuildingId != null && buildings.Contains(v.HomeBuildingId.Value));
    }

    /// <summary>The account a person registering themselves links to their new record: theirs, unless they register someone else.</summary>
    public static Guid? SelfRegisteringAccount(ClaimsPrincipal caller, bool minor) =>
        !minor && !caller.IsStaffOrGridWorker() && Guid.TryParse(caller.Subject(), out var account) ? account : null;

    /// <summary>Loads a volunteer for an endpoint that takes their id, when the caller may act on them.</summary>
    public static Task<VolunteerLookup> FindForAsync(this VolunteersDbContext db, Guid id, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        db.FindForAsync(db.Volunteers.AsNoTracking(), id, caller, cancellationToken);

    /// <summary>As <see cref="FindForAsync(VolunteersDbContext, Guid, ClaimsPrincipal, CancellationToken)"/>, tracked, for an endpoint that changes the record.</summary>
    public static Task<VolunteerLookup> FindForChangeAsync(this VolunteersDbContext db, Guid id, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        db.FindForAsync(db.Volunteers, id, caller, cancellationToken);

    private static async Task<VolunteerLookup> FindForAsync(
        this VolunteersDbContext db, IQueryable<Volunteer> volunteers, Guid id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var volunteer = await volunteers.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (volunteer is null)
        {
            return new(null, false);
        }

        var who = await db.CallerAsync(caller, cancellationToken);
        return new(Allows(who, volunteer) ? volunteer : null, true, who);
    }

    /// <summary>Whether the caller may act on <paramref name="volunteer"/> (already loaded).</summary>
    public static async Task<bool> MayActOnAsync(this VolunteersDbContext db, ClaimsPrincipal caller, Volunteer volunteer, CancellationToken cancellationToken) =>
        Allows(await db.CallerAsync(caller, cancellationToken), volunteer);
}
