using Community.Persistence;
using System.Security.Claims;
using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.ServiceDefaults.Privacy;
using Community.Services.Volunteers.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Community.Services.Volunteers.Registry;

/// <param name="Phone">Required for adults; a child is reached through their guardian, so none is kept.</param>
/// <param name="GuardianId">For a volunteer under 14: the adult volunteer consenting for them.</param>
/// <param name="ConsentScope">For a volunteer under 14: what the guardian consents to.</param>
public sealed record RegisterVolunteerRequest(
    string? DisplayName,
    string? Phone,
    string? Kind,
    string? WorkUnit,
    IReadOnlyList<string>? Skills,
    Guid? HomeBuildingId,
    DateOnly? BirthDate = null,
    Guid? GuardianId = null,
    string? ConsentScope = null,
    IReadOnlyList<AvailabilitySlotDto>? Availability = null);

public sealed record UpdateProfileRequest(IReadOnlyList<string>? Skills, Guid? HomeBuildingId, string? WorkUnit);

public sealed record VolunteerDto(
    Guid Id,
    string DisplayName,
    string? Phone,
    string Kind,
    string? WorkUnit,
    IReadOnlyList<string> Skills,
    Guid? HomeBuildingId,
    DateTimeOffset RegisteredAt,
    bool IsMinor = false,
    Guid? GuardianId = null);

public sealed record ConsentDto(Guid Id, Guid ChildId, Guid GuardianId, string Scope, DateTimeOffset ConsentedAt, DateTimeOffset? WithdrawnAt);

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

        group.MapGet("/{id:guid}/consents", ConsentsAsync)
            .WithName("ListConsents")
            .WithSummary("A child's consent records (the guardian, or staff).");

        app.MapPost("/consents/{id:guid}/withdraw", WithdrawConsentAsync)
            .WithTags("Registry")
            .WithName("WithdrawConsent")
            .WithSummary("The guardian (or staff) withdraws consent: the child can sign up for nothing more.");

        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetVolunteer")
            .WithSummary("One volunteer's profile: the volunteer, a child's guardian, staff and grid workers.");

        group.MapPut("/{id:guid}/profile", UpdateProfileAsync)
            .WithName("UpdateProfile")
            .WithSummary("The volunteer (or a child's guardian, or staff) updates skills, home building and work unit.");

        return group;
    }

    internal static async Task<Results<Created<VolunteerDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RegisterAsync(
        RegisterVolunteerRequest request, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = Neighbourhood.Today(now);
        var minor = request.BirthDate is { } born && born.AddYears(VolunteerRules.ChildUnderAge) > today;
        var errors = new FieldErrors()
            .Require("displayName", request.DisplayName, VolunteerRules.MaxNameLength)
            .Optional("workUnit", request.WorkUnit, VolunteerRules.MaxWorkUnitLength)
            .Optional("consentScope", request.ConsentScope, 500);
        if (request.BirthDate > today || request.BirthDate < new DateOnly(1900, 1, 1))
        {
            errors.Add("birthDate", "must be a real date in the past.");
        }

        if (!minor && !PhoneNumbers.IsValidMobile(request.Phone))
        {
            errors.Add("phone", "must be an 11-digit mobile number starting with 1.");
        }

        if (!VolunteerKinds.TryParse(request.Kind, out var kind))
        {
            errors.Add("kind", $"must be one of: {string.Join(", ", VolunteerKinds.Codes)}.");
        }
        else if (kind == VolunteerKind.YoungPioneer && request.BirthDate is null)
        {
            errors.Add("birthDate", "is required for Young Pioneers.");
        }
        else if (kind == VolunteerKind.InServicePartyMember && string.IsNullOrWhiteSpace(request.WorkUnit))
        {
            errors.Add("workUnit", "is required for in-service Party members.");
        }

        var skills = request.Skills ?? [];
        await CheckSkillsAsync(skills, db, errors, cancellationToken);
        var availability = Availability.Parse(request.Availability, "availability", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (minor)
        {
            // A child is registered only with a guardian in the registry and their recorded consent.
            if (request.GuardianId is not { } guardianId || string.IsNullOrWhiteSpace(request.ConsentScope))
            {
                return TypedResults.Conflict(Problems.Conflict("A guardian's consent is missing.",
                    "A volunteer under 14 needs a guardian (an adult volunteer, guardianId) and the consent's scope (consentScope).", VolunteerProblems.ConsentMissing));
            }

            var guardian = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == guardianId, cancellationToken);
            if (guardian is null || !guardian.IsAdultOn(today) || guardian.GuardianId is not null)
            {
                return TypedResults.Conflict(Problems.Conflict("The guardian cannot consent.",
                    "The guardian must be an adult volunteer in the registry.", VolunteerProblems.ConsentMissing));
            }

            if (!caller.IsStaffOrGridWorker() && !caller.IsSubject(guardianId))
            {
                return TypedResults.Conflict(Problems.Conflict("Only the guardian or staff record consent.",
                    "Sign in as the guardian, or ask station staff to record the consent.", VolunteerProblems.ConsentMissing));
            }
        }

        var volunteer = Volunteer.Register(request.DisplayName!, minor ? null : request.Phone, kind, request.WorkUnit, skills, request.HomeBuildingId, now,
            request.BirthDate, minor ? request.GuardianId : null);
        db.Volunteers.Add(volunteer);
        foreach (var slot in availability)
        {
            slot.VolunteerId = volunteer.Id;
            db.AvailabilitySlots.Add(slot);
        }

        if (minor)
        {
            db.Consents.Add(new GuardianConsent
            {
                Id = Guid.CreateVersion7(),
                ChildId = volunteer.Id,
                GuardianId = request.GuardianId!.Value,
                Scope = request.ConsentScope!.Trim(),
                RecordedBy = caller.Subject(),
                ConsentedAt = now,
            });
        }
        else
        {
            // Children's data never travels in events; adults are announced to the other services.
            db.AddEvent(new VolunteerRegistered(
                volunteer.Id, volunteer.DisplayName, volunteer.Kind.ToCode(), volunteer.Skills, volunteer.HomeBuildingId, now), now);
        }

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

    internal static async Task<Results<Ok<VolunteerDto>, NotFound<ProblemDetails>, ForbidHttpResult>> GetAsync(
        Guid id, VolunteersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (volunteer is null)
        {
            return TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        return volunteer.AllowsCaller(caller) ? TypedResults.Ok(ToDto(volunteer, caller)) : TypedResults.Forbid();
    }

    internal static async Task<Results<Ok<VolunteerDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> UpdateProfileAsync(
        Guid id, UpdateProfileRequest request, VolunteersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var volunteer = await db.Volunteers.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (volunteer is null)
        {
            return TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        if (!volunteer.AllowsCaller(caller))
        {
            return TypedResults.Forbid();
        }

        var errors = new FieldErrors().Optional("workUnit", request.WorkUnit, VolunteerRules.MaxWorkUnitLength);
        var skills = request.Skills ?? [];
        await CheckSkillsAsync(skills, db, errors, cancellationToken);
        if (volunteer.Kind == VolunteerKind.InServicePartyMember && string.IsNullOrWhiteSpace(request.WorkUnit))
        {
            errors.Add("workUnit", "is required for in-service Party members.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        volunteer.UpdateProfile(skills, request.HomeBuildingId, request.WorkUnit);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToDto(volunteer, caller));
    }

    private static async Task CheckSkillsAsync(IReadOnlyList<string> skills, VolunteersDbContext db, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (skills.Count > VolunteerRules.MaxSkills)
        {
            errors.Add("skills", $"at most {VolunteerRules.MaxSkills} skills.");
            return;
        }

        if (skills.Count == 0)
        {
            return;
        }

        var known = await db.Skills.ActiveCodesAsync(cancellationToken);
        foreach (var unknown in skills.Where(s => !known.Contains(s)).Distinct())
        {
            errors.Add("skills", $"'{unknown}' is not on the skill list (see GET /skills).");
        }
    }

    internal static async Task<Results<Ok<IReadOnlyList<ConsentDto>>, NotFound<ProblemDetails>, ForbidHttpResult>> ConsentsAsync(
        Guid id, VolunteersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var child = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (child is null)
        {
            return TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        if (!caller.IsStaff() && (child.GuardianId is not { } guardian || !caller.IsSubject(guardian)))
        {
            return TypedResults.Forbid();
        }

        var consents = await db.Consents.AsNoTracking().Where(c => c.ChildId == id).OrderBy(c => c.ConsentedAt)
            .Select(c => new ConsentDto(c.Id, c.ChildId, c.GuardianId, c.Scope, c.ConsentedAt, c.WithdrawnAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ConsentDto>>(consents);
    }

    internal static async Task<Results<Ok<ConsentDto>, NotFound<ProblemDetails>, ForbidHttpResult>> WithdrawConsentAsync(
        Guid id, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var consent = await db.Consents.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consent is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such consent.", $"There is no consent {id}."));
        }

        if (!caller.IsStaff() && !caller.IsSubject(consent.GuardianId))
        {
            return TypedResults.Forbid();
        }

        consent.WithdrawnAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ConsentDto(consent.Id, consent.ChildId, consent.GuardianId, consent.Scope, consent.ConsentedAt, consent.WithdrawnAt));
    }

    private static VolunteerDto ToDto(Volunteer v, ClaimsPrincipal caller)
    {
        var phone = v.Phone is null ? null : caller.IsStaff() ? v.Phone : PhoneNumbers.Mask(v.Phone);
        return new VolunteerDto(
            v.Id, v.DisplayName, phone, v.Kind.ToCode(), v.WorkUnit, v.Skills, v.HomeBuildingId, v.RegisteredAt,
            v.GuardianId is not null, v.GuardianId);
    }
}

public static class VolunteerProblems
{
    public static ProblemDetails NoSuchVolunteer(Guid? id) => Problems.NotFound("No such volunteer.", $"There is no volunteer {id}.");

    public const string ConsentMissing = ProblemTypes.Base + "consent-missing";
    public const string RatioBroken = ProblemTypes.Base + "supervision-ratio";
}
