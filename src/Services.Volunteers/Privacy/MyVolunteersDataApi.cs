using System.Security.Claims;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Privacy;

public sealed record MyVolunteerRecordDto(
    Guid Id, string DisplayName, string? Phone, string Kind, DateOnly? BirthDate, string? WorkUnit, IReadOnlyList<string> Skills, Guid? HomeBuildingId,
    Guid? GuardianId, bool SupervisesChildren, DateTimeOffset RegisteredAt);

public sealed record MyAvailabilityDto(Guid VolunteerId, DayOfWeek Day, TimeOnly Starts, TimeOnly Ends);

public sealed record MyConsentDto(Guid Id, Guid ChildId, Guid GuardianId, string Scope, DateTimeOffset ConsentedAt, DateTimeOffset? WithdrawnAt);

public sealed record MyAssignmentDto(Guid Id, Guid VolunteerId, Guid ShiftId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset AssignedAt, DateTimeOffset? WithdrawnAt);

public sealed record MyHoursDto(Guid Id, Guid VolunteerId, int Minutes, string Source, string Activity, DateTimeOffset ServedAt, string Status, DateTimeOffset CreditedAt);

public sealed record MyTeamMembershipDto(Guid TeamId, Guid VolunteerId, string Role, DateTimeOffset JoinedAt, DateTimeOffset? LeftAt);

/// <summary>
/// What the volunteer registry holds about the caller: their own record and those of the children they are guardian
/// of (a guardian exercises a child's rights), with consents, availability, shifts, hours and teams.
/// </summary>
public sealed record MyVolunteersDataDto(
    IReadOnlyList<MyVolunteerRecordDto> Records, IReadOnlyList<MyAvailabilityDto> Availability, IReadOnlyList<MyConsentDto> Consents,
    IReadOnlyList<MyAssignmentDto> Shifts, IReadOnlyList<MyHoursDto> Hours, IReadOnlyList<MyTeamMembershipDto> Teams);

/// <summary>The caller's own data in the volunteer registry, their part of the platform-wide export.</summary>
public static class MyVolunteersDataApi
{
    public static IEndpointRouteBuilder MapMyDataApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/my-data", GetAsync).WithTags("Privacy").WithName("MyVolunteersData")
            .WithSummary("Everything the registry holds about the signed-in person and the children (under 18) they are guardian of.");
        return app;
    }

    internal static async Task<Ok<MyVolunteersDataDto>> GetAsync(VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var account = Guid.TryParse(caller.Subject(), out var id) ? id : Guid.Empty;
        var me = await db.Volunteers.AsNoTracking().Where(v => v.AccountId == account).Select(v => (Guid?)v.Id).FirstOrDefaultAsync(cancellationToken);
        if (me is null)
        {
            return TypedResults.Ok(new MyVolunteersDataDto([], [], [], [], [], []));
        }

        // Her own record and her wards': a child who has turned 18 is no longer hers to see (VolunteerAccess.Allows).
        var today = Neighbourhood.Today(time.GetUtcNow());
        var volunteers = (await db.Volunteers.AsNoTracking().Where(v => v.Id == me || v.GuardianId == me).OrderBy(v => v.RegisteredAt).ToListAsync(cancellationToken))
            .Where(v => v.Id == me || !v.IsAdultOn(today)).ToList();
        var ids = volunteers.Select(v => v.Id).ToList();
        var records = volunteers.Select(v => new MyVolunteerRecordDto(v.Id, v.DisplayName, v.Phone, v.Kind.ToCode(), v.BirthDate, v.WorkUnit, v.Skills,
            v.HomeBuildingId, v.GuardianId, v.SupervisesChildren, v.RegisteredAt)).ToList();
        var availability = await db.AvailabilitySlots.AsNoTracking().Where(a => ids.Contains(a.VolunteerId))
            .Select(a => new MyAvailabilityDto(a.VolunteerId, a.Day, a.Starts, a.Ends)).ToListAsync(cancellationToken);
        var consents = await db.Consents.AsNoTracking().Where(c => ids.Contains(c.ChildId) || c.GuardianId == me).OrderBy(c => c.ConsentedAt)
            .Select(c => new MyConsentDto(c.Id, c.ChildId, c.GuardianId, c.Scope, c.ConsentedAt, c.WithdrawnAt)).ToListAsync(cancellationToken);
        var shifts = await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.VolunteerId)).OrderByDescending(a => a.StartsAt)
            .Select(a => new MyAssignmentDto(a.Id, a.VolunteerId, a.ShiftId, a.StartsAt, a.EndsAt, a.AssignedAt, a.WithdrawnAt)).ToListAsync(cancellationToken);
        var hours = await db.ServiceHours.AsNoTracking().Where(h => ids.Contains(h.VolunteerId)).OrderByDescending(h => h.ServedAt)
            .Select(h => new MyHoursDto(h.Id, h.VolunteerId, h.Minutes, h.Source, h.Activity, h.ServedAt, h.Status, h.CreditedAt)).ToListAsync(cancellationToken);
        var teams = await db.TeamMemberships.AsNoTracking().Where(m => ids.Contains(m.VolunteerId)).OrderBy(m => m.JoinedAt)
            .Select(m => new MyTeamMembershipDto(m.TeamId, m.VolunteerId, m.Role, m.JoinedAt, m.LeftAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new MyVolunteersDataDto(records, availability, consents, shifts, hours, teams));
    }
}
