using System.Security.Claims;
using Community.Contracts;
using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.ServiceDefaults.Privacy;
using Community.Services.Volunteers.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Registry;

/// <param name="Phone">Required for adults; a child is reached through their guardian, so none is kept.</param>
/// <param name="GuardianId">For a volunteer under 14: the adult volunteer consenting for them.</param>
/// <param name="ConsentScope">For a volunteer under 14: what the guardian consents to.</param>
/// <param name="AccountId">The person's account at the identity provider.</param>
public sealed record LinkAccountRequest(Guid? AccountId);

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
    Guid? GuardianId = null,
    bool SupervisesChildren = false);

/// <param name="Supervises">Whether the adult may supervise children on shifts (only they count for the children-per-adult rule).</param>
/// <param name="BirthDate">The volunteer's birth date, when none was recorded: only an adult by birth date may supervise.</param>
public sealed record SupervisionRequest(bool? Supervises, DateOnly? BirthDate);

public static class RegistryApi
{
    public static RouteGroupBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/volunteers").WithTags("Registry");

        group.MapPost("/", RegisterAsync)
            .WithName("RegisterVolunteer")
            .WithSummary("Registers a volunteer and announces it to the other services; a person registering themselves is linked to their account.")
            .RequireAuthorization(Policies.Participants);

        group.MapGet("/me", MeAsync)
            .WithName("GetMyVolunteerRecord")
            .WithSummary("The volunteer record linked to the caller's account.");

        group.MapGet("/me/wards", WardsAsync)
            .WithName("GetMyWards")
            .WithSummary("The children (under 18) whose guardian is the volunteer record linked to the caller's account (empty without one).");

        group.MapPut("/{id:guid}/account", LinkAccountAsync)
            .WithName("LinkVolunteerAccount")
            .WithSummary("Staff link a volunteer record to a person's account (one record per account, one account per record).")
            .RequireAuthorization(Policies.Staff);

        group.MapGet("/", ListAsync)
            .WithName("ListVolunteers")
            .WithSummary("Lists volunteers, newest first, with phone numbers masked unless the caller is staff: every volunteer for staff, those living in the grids they work for a grid worker.")
            .RequireAuthorization(Policies.Workers);

        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetVolunteer")
            .WithSummary("One volunteer's profile: the volunteer, a child's guardian, staff and grid workers.");

        group.MapPut("/{id:guid}/supervision", SuperviseAsync)
            .WithName("SetSupervision")
            .WithSummary("Staff mark an adult volunteer as one who may supervise children on shifts (or take the mark away).")
            .RequireAuthorization(Policies.Staff);

        group.MapPut("/{id:guid}/profile", UpdateProfileAsync)
            .WithName("UpdateProfile")
            .WithSummary("The volunteer (or a child's guardian, or staff) updates skills, home building and work unit.");

        return group;
    }

    internal static async Task<Results<Created<VolunteerDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> RegisterAsync(
        RegisterVolunteerRequest request, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = Neighbourhood.Today(now);
        var minor = VolunteerRules.IsMinor(request.BirthDate, today);
        var errors = VolunteerRegistration.Check(request, today, out var kind);
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
            if (guardian is null || !guardian.MayBeGuardianOn(today))
            {
                return TypedResults.Conflict(Problems.Conflict("The guardian cannot consent.",
                    "The guardian must be an adult volunteer in the registry.", VolunteerProblems.ConsentMissing));
            }

            if (!ConsentAccess.MayRecord(await db.CallerAsync(caller, cancellationToken), guardian))
            {
                // Not the guardian, nor staff or a grid worker: a missing permission, not a conflict with the data.
                return TypedResults.Forbid();
            }
        }

        var volunteer = Volunteer.Register(request.DisplayName!, minor ? null : request.Phone, kind, request.WorkUnit, skills, request.HomeBuildingId, now,
            request.BirthDate, minor ? request.GuardianId : null);
        if (VolunteerAccess.SelfRegisteringAccount(caller, minor) is { } account)
        {
            volunteer.LinkAccount(account);
            db.AddEvent(new VolunteerAccountLinked(volunteer.Id, account, now), now);
        }

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

        if (await db.TrySaveChangesAsync(cancellationToken) is { } violation)
        {
            return TypedResults.Conflict(violation.Constraint == VolunteerRules.OneRecordPerAccountIndex
                ? VolunteerProblems.AccountLinkedElsewhere()
                : Problems.Conflict("This person is already registered.", "A volunteer with this phone number is already in the registry.", ProblemTypes.Duplicate));
        }

        return TypedResults.Created($"/volunteers/{volunteer.Id}", ToDto(volunteer, caller, Neighbourhood.Today(time.GetUtcNow())));
    }

    internal static async Task<Results<Ok<VolunteerDto>, NotFound<ProblemDetails>>> MeAsync(
        VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var account = Guid.TryParse(caller.Subject(), out var id) ? id : Guid.Empty;
        var volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.AccountId == account, cancellationToken);
        return volunteer is null
            ? TypedResults.NotFound(Problems.NotFound("No volunteer record.", "No volunteer record is linked to your account: register as a volunteer, or ask the service station to link yours."))
            : TypedResults.Ok(ToDto(volunteer, caller, Neighbourhood.Today(time.GetUtcNow())));
    }

    internal static async Task<Ok<IReadOnlyList<VolunteerDto>>> WardsAsync(
        VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var account = Guid.TryParse(caller.Subject(), out var id) ? id : Guid.Empty;
        var today = Neighbourhood.Today(time.GetUtcNow());
        var wards = await db.Volunteers.AsNoTracking()
            .Where(v => v.GuardianId != null && db.Volunteers.Any(g => g.Id == v.GuardianId && g.AccountId == account))
            .OrderBy(v => v.DisplayName).ToListAsync(cancellationToken);
        // A child who has come of age is no longer listed as theirs (nor may the guardian act for them: VolunteerAccess).
        return TypedResults.Ok<IReadOnlyList<VolunteerDto>>(wards.Where(v => !v.IsAdultOn(today)).Select(v => ToDto(v, caller, today)).ToList());
    }

    internal static async Task<Results<Ok<VolunteerDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> LinkAccountAsync(
        Guid id, LinkAccountRequest request, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (request.AccountId is not { } account || account == Guid.Empty)
        {
            return new FieldErrors().Add("accountId", "is required.").ToProblem();
        }

        var volunteer = await db.Volunteers.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (volunteer is null)
        {
            return TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        if (volunteer.AccountId is { } linked && linked != account)
        {
            return TypedResults.Conflict(Problems.Conflict("The record has an account.",
                "This volunteer record is linked to another account; a record belongs to one person.", VolunteerProblems.AccountLinkedElsewhereType));
        }

        var now = time.GetUtcNow();
        volunteer.LinkAccount(account);
        // Grid and Activities learn whose account this is (a grid worker's grids, a volunteer's door duty).
        db.AddEvent(new VolunteerAccountLinked(volunteer.Id, account, now), now);
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return TypedResults.Conflict(VolunteerProblems.AccountLinkedElsewhere());
        }

        return TypedResults.Ok(ToDto(volunteer, caller, Neighbourhood.Today(time.GetUtcNow())));
    }

    internal static async Task<Results<Ok<Page<VolunteerDto>>, ValidationProblem>> ListAsync(
        int? page, int? pageSize, string? kind, string? skill, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var today = Neighbourhood.Today(time.GetUtcNow());
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

        var query = db.Volunteers.AsNoTracking().VisibleTo(await db.CallerAsync(caller, cancellationToken));

        if (kindFilter is { } k)
        {
            query = query.Where(v => v.Kind == k);
        }

        if (!string.IsNullOrWhiteSpace(skill))
        {
            query = query.Where(v => v.Skills.Contains(skill));
        }

        return TypedResults.Ok(await query.ToPageAsync(
            q => q.OrderByDescending(v => v.RegisteredAt).ThenBy(v => v.Id), paging, v => ToDto(v, caller, today), cancellationToken));
    }

    internal static async Task<Results<Ok<VolunteerDto>, NotFound<ProblemDetails>, ForbidHttpResult>> GetAsync(
        Guid id, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var lookup = await db.FindForAsync(id, caller, cancellationToken);
        if (lookup.Volunteer is not { } volunteer)
        {
            return lookup.Exists ? TypedResults.Forbid() : TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        return TypedResults.Ok(ToDto(volunteer, caller, Neighbourhood.Today(time.GetUtcNow())));
    }

    internal static async Task<Results<Ok<VolunteerDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> UpdateProfileAsync(
        Guid id, UpdateProfileRequest request, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var lookup = await db.FindForChangeAsync(id, caller, cancellationToken);
        if (lookup.Volunteer is not { } volunteer)
        {
            return lookup.Exists ? TypedResults.Forbid() : TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        var errors = new FieldErrors().Optional("workUnit", request.WorkUnit, VolunteerRules.MaxWorkUnitLength);
        var skills = request.Skills ?? [];
        await CheckSkillsAsync(skills, db, errors, cancellationToken);
        if (VolunteerRules.LacksWorkUnit(volunteer.Kind, request.WorkUnit))
        {
            errors.Add("workUnit", "is required for in-service Party members.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = time.GetUtcNow();
        volunteer.UpdateProfile(skills, request.HomeBuildingId, request.WorkUnit);
        if (!volunteer.IsMinorOn(Neighbourhood.Today(now)))
        {
            // Grid's read model of who can help (a building's volunteers, a team's skills) follows the registry.
            db.AddEvent(new VolunteerProfileChanged(volunteer.Id, volunteer.DisplayName, volunteer.Kind.ToCode(), volunteer.Skills, volunteer.HomeBuildingId, now), now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToDto(volunteer, caller, Neighbourhood.Today(time.GetUtcNow())));
    }

    internal static async Task<Results<Ok<VolunteerDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> SuperviseAsync(
        Guid id, SupervisionRequest request, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var today = Neighbourhood.Today(time.GetUtcNow());
        var errors = new FieldErrors();
        if (request.Supervises is null)
        {
            errors.Add("supervises", "is required (true or false).");
        }

        if (request.BirthDate > today || request.BirthDate < VolunteerRegistration.EarliestBirthDate)
        {
            errors.Add("birthDate", "must be a real date in the past.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // Taking the mark away must not leave children on a coming shift without their supervisor. The volunteer's row
        // is locked first (FOR UPDATE): their own sign-up refers to it (its foreign key), so it waits, and the shifts
        // read next are all they are on. Those shifts are then locked as a child's sign-up locks them, so the two cannot
        // pass each other. Before, a supervisor who joined a shift, and a child after them, while the mark was being
        // taken away left the child there with no supervisor.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var volunteer = await db.Volunteers.LockedAsync(v => v.Id, id, cancellationToken);
        if (volunteer is null)
        {
            return TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        if (volunteer.SupervisesChildren && request.Supervises == false)
        {
            var now = time.GetUtcNow();
            var shiftIds = await db.Assignments.Where(a => a.VolunteerId == id && a.WithdrawnAt == null && a.StartsAt > now)
                .Select(a => a.ShiftId).Distinct().ToArrayAsync(cancellationToken);
            if (shiftIds.Length > 0)
            {
                await db.Database.ExecuteSqlAsync($"SELECT 1 FROM shifts WHERE id = ANY({shiftIds}) ORDER BY id FOR UPDATE", cancellationToken);
                var childBornAfter = today.AddYears(-VolunteerRules.ChildUnderAge);
                if (await db.Assignments.AnyAsync(a => shiftIds.Contains(a.ShiftId) && a.WithdrawnAt == null &&
                        db.Volunteers.Any(v => v.Id == a.VolunteerId && v.BirthDate > childBornAfter), cancellationToken))
                {
                    return TypedResults.Conflict(Problems.Conflict("Children rely on this supervisor.",
                        "They supervise children on coming shifts: take them off those shifts first, or mark another supervisor and let them withdraw.",
                        VolunteerProblems.RatioBroken));
                }
            }
        }

        if (volunteer.SetSupervision(request.Supervises!.Value, request.BirthDate, today) is { } why)
        {
            return TypedResults.Conflict(Problems.Conflict("Not an adult by birth date.", why, VolunteerProblems.NotASupervisorType));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ToDto(volunteer, caller, today));
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

    /// <summary>A minor by birth date, whatever their kind or whether a guardian registered them.</summary>
    private static VolunteerDto ToDto(Volunteer v, ClaimsPrincipal caller, DateOnly today)
    {
        var phone = v.Phone is null ? null : caller.IsStaff() ? v.Phone : PhoneNumbers.Mask(v.Phone);
        return new VolunteerDto(
            v.Id, v.DisplayName, phone, v.Kind.ToCode(), v.WorkUnit, v.Skills, v.HomeBuildingId, v.RegisteredAt,
            v.IsMinorOn(today), v.GuardianId, v.SupervisesChildren);
    }
}
