using System.Security.Claims;
using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.ServiceDefaults.Privacy;
using Community.Services.Volunteers.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Community.Services.Volunteers.Registry;

public sealed record RegisterVolunteerRequest(
    string? DisplayName,
    string? Phone,
    string? Kind,
    string? WorkUnit,
    IReadOnlyList<string>? Skills,
    Guid? HomeBuildingId);

public sealed record VolunteerDto(
    Guid Id,
    string DisplayName,
    string Phone,
    string Kind,
    string? WorkUnit,
    IReadOnlyList<string> Skills,
    Guid? HomeBuildingId,
    DateTimeOffset RegisteredAt);

public static class RegistryApi
{
    private static readonly string[] Registrars = [Roles.StationStaff, Roles.GridWorker, Roles.Admin, Roles.Volunteer];
    private static readonly string[] Readers = [Roles.StationStaff, Roles.GridWorker, Roles.Admin];

    public static RouteGroupBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/volunteers").WithTags("Registry");

        group.MapPost("/", RegisterAsync)
            .WithName("RegisterVolunteer")
            .WithSummary("Registers a volunteer and announces it to the other services.")
            .RequireAuthorization(policy => policy.RequireRole(Registrars));

        group.MapGet("/", ListAsync)
            .WithName("ListVolunteers")
            .WithSummary("Lists volunteers, newest first, with phone numbers masked unless the caller is staff.")
            .RequireAuthorization(policy => policy.RequireRole(Readers));

        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetVolunteer")
            .WithSummary("One volunteer's profile.")
            .RequireAuthorization(policy => policy.RequireRole(Readers));

        return group;
    }

    internal static async Task<Results<Created<VolunteerDto>, ValidationProblem, Conflict<ProblemDetails>>> RegisterAsync(
        RegisterVolunteerRequest request, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Require("displayName", request.DisplayName, VolunteerRules.MaxNameLength)
            .Optional("workUnit", request.WorkUnit, VolunteerRules.MaxWorkUnitLength);
        if (!PhoneNumbers.IsValidMobile(request.Phone))
        {
            errors.Add("phone", "must be an 11-digit mobile number starting with 1.");
        }

        if (!VolunteerKinds.TryParse(request.Kind, out var kind))
        {
            errors.Add("kind", $"must be one of: {string.Join(", ", VolunteerKinds.Codes)}.");
        }
        else if (kind == VolunteerKind.YoungPioneer)
        {
            // Children need a guardian and a consent record; until that exists they cannot be registered at all.
            errors.Add("kind", "young-pioneer volunteers are registered with a guardian's consent, which this endpoint does not take yet.");
        }
        else if (kind == VolunteerKind.InServicePartyMember && string.IsNullOrWhiteSpace(request.WorkUnit))
        {
            errors.Add("workUnit", "is required for in-service Party members.");
        }

        var skills = request.Skills ?? [];
        if (skills.Count > VolunteerRules.MaxSkills)
        {
            errors.Add("skills", $"at most {VolunteerRules.MaxSkills} skills.");
        }

        foreach (var unknown in skills.Where(s => !Skills.Known.Contains(s)).Distinct())
        {
            errors.Add("skills", $"'{unknown}' is not a known skill (known: {string.Join(", ", Skills.Known)}).");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = time.GetUtcNow();
        var volunteer = Volunteer.Register(request.DisplayName!, request.Phone!, kind, request.WorkUnit, skills, request.HomeBuildingId, now);
        db.Volunteers.Add(volunteer);
        db.AddEvent(new VolunteerRegistered(
            volunteer.Id, volunteer.DisplayName, volunteer.Kind.ToCode(), volunteer.Skills, volunteer.HomeBuildingId, now), now);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Conflict(Problems.Conflict(
                "This person is already registered.", "A volunteer with this phone number is already in the registry.", ProblemTypes.Duplicate));
        }

        return TypedResults.Created($"/volunteers/{volunteer.Id}", ToDto(volunteer, caller));
    }

    internal static async Task<Results<Ok<Page<VolunteerDto>>, ValidationProblem>> ListAsync(
        int? page, int? pageSize, string? kind, string? skill, VolunteersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        VolunteerKind? kindFilter = null;
        if (kind is not null)
        {
            if (VolunteerKinds.TryParse(kind, out var parsed))
            {
                kindFilter = parsed;
            }
            else
            {
                errors.Add("kind", $"must be one of: {string.Join(", ", VolunteerKinds.Codes)}.");
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Volunteers.AsNoTracking();
        if (kindFilter is { } k)
        {
            query = query.Where(v => v.Kind == k);
        }

        if (!string.IsNullOrWhiteSpace(skill))
        {
            query = query.Where(v => v.Skills.Contains(skill));
        }

        return TypedResults.Ok(await query.ToPageAsync(
            q => q.OrderByDescending(v => v.RegisteredAt).ThenBy(v => v.Id), paging, v => ToDto(v, caller), cancellationToken));
    }

    internal static async Task<Results<Ok<VolunteerDto>, NotFound<ProblemDetails>>> GetAsync(
        Guid id, VolunteersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        return volunteer is null
            ? TypedResults.NotFound(Problems.NotFound("No such volunteer.", $"There is no volunteer {id}."))
            : TypedResults.Ok(ToDto(volunteer, caller));
    }

    private static VolunteerDto ToDto(Volunteer v, ClaimsPrincipal caller)
    {
        var seesContacts = caller.IsInRole(Roles.StationStaff) || caller.IsInRole(Roles.Admin);
        return new VolunteerDto(
            v.Id, v.DisplayName, seesContacts ? v.Phone : PhoneNumbers.Mask(v.Phone), v.Kind.ToCode(), v.WorkUnit,
            v.Skills, v.HomeBuildingId, v.RegisteredAt);
    }
}
