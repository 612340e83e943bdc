using System.Security.Claims;
using Community.Contracts;
using Community.Messaging.Persistence;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Community.Services.Volunteers.Opportunities;

public sealed record ShiftDto(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place, int MinVolunteers, int MaxVolunteers, int Assigned, string Status);

public sealed record OpportunityDto(Guid Id, string Source, Guid RequestId, string Title, string? Skill, IReadOnlyList<ShiftDto> Shifts);

public sealed record SignUpRequest(Guid? VolunteerId);

public sealed record AssignmentDto(Guid Id, Guid ShiftId, Guid VolunteerId, DateTimeOffset AssignedAt, DateTimeOffset? WithdrawnAt);

public static class ShiftsApi
{
    private static readonly string[] Recruiters = [Roles.StationStaff, Roles.GridWorker, Roles.Admin];

    public static IEndpointRouteBuilder MapShiftsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/opportunities", ListAsync)
            .WithTags("Opportunities")
            .WithName("ListOpportunities")
            .WithSummary("Open opportunities with their shifts, soonest first, optionally for one skill.")
            .RequireAuthorization(policy => policy.RequireRole([.. Recruiters, Roles.Volunteer, Roles.Partner]));
        app.MapPost("/shifts/{shiftId:guid}/signups", SignUpAsync)
            .WithTags("Opportunities")
            .WithName("SignUpForShift")
            .WithSummary("Signs a volunteer up for a shift; refused past its maximum or when it overlaps their other shifts.")
            .RequireAuthorization(policy => policy.RequireRole([.. Recruiters, Roles.Volunteer]));
        app.MapPost("/assignments/{id:guid}/withdraw", WithdrawAsync)
            .WithTags("Opportunities")
            .WithName("WithdrawFromShift")
            .WithSummary("Takes a volunteer off a shift; the requesting service is told.")
            .RequireAuthorization(policy => policy.RequireRole([.. Recruiters, Roles.Volunteer]));
        return app;
    }

    internal static async Task<Results<Ok<Page<OpportunityDto>>, ValidationProblem>> ListAsync(
        string? skill, int? page, int? pageSize, VolunteersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = time.GetUtcNow();
        var query = db.Opportunities.AsNoTracking().Where(o => db.Shifts.Any(s => s.OpportunityId == o.Id && s.StartsAt > now && s.Status == "open"));
        if (!string.IsNullOrWhiteSpace(skill))
        {
            query = query.Where(o => o.Skill == skill);
        }

        var result = await query.ToPageAsync(q => q.OrderBy(o => db.Shifts.Where(s => s.OpportunityId == o.Id).Min(s => s.StartsAt)).ThenBy(o => o.Id),
            paging, o => o, cancellationToken);
        var ids = result.Items.Select(o => o.Id).ToList();
        var shifts = await db.Shifts.AsNoTracking().Where(s => ids.Contains(s.OpportunityId)).OrderBy(s => s.StartsAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<OpportunityDto>(
            result.Items.Select(o => new OpportunityDto(o.Id, o.Source, o.RequestId, o.Title, o.Skill,
                shifts.Where(s => s.OpportunityId == o.Id).Select(ToDto).ToList())).ToList(),
            result.PageNumber, result.PageSize, result.Total));
    }

    internal static async Task<Results<Created<AssignmentDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> SignUpAsync(
        Guid shiftId, SignUpRequest request, VolunteersDbContext db, TimeProvider time, IOptions<SupervisionOptions> supervision, ClaimsPrincipal caller,
        CancellationToken cancellationToken)
    {
        if (request.VolunteerId is not { } volunteerId)
        {
            return new FieldErrors().Add("volunteerId", "is required.").ToProblem();
        }

        if (!MayActFor(caller, volunteerId))
        {
            return TypedResults.Forbid();
        }

        var volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == volunteerId, cancellationToken);
        if (volunteer is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such volunteer.", $"There is no volunteer {volunteerId}."));
        }

        var now = time.GetUtcNow();
        var today = Neighbourhood.Today(now);
        var isChild = volunteer.IsMinorOn(today);
        if (isChild && !await db.Consents.AnyAsync(c => c.ChildId == volunteerId && c.WithdrawnAt == null, cancellationToken))
        {
            return TypedResults.Conflict(Problems.Conflict("A guardian's consent is missing.",
                "The child's guardian has withdrawn consent (or never gave it); they can sign up again once it is given.", Registry.VolunteerProblems.ConsentMissing));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var shift = await db.Shifts.FromSql($"SELECT * FROM shifts WHERE id = {shiftId} FOR UPDATE").FirstOrDefaultAsync(cancellationToken);
        if (shift is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such shift.", $"There is no shift {shiftId}."));
        }

        if (shift.Status != "open" || shift.StartsAt <= now)
        {
            return TypedResults.Conflict(Problems.Conflict("The shift is closed.", "Sign-ups close when a shift starts or is cancelled.", ShiftProblems.Closed));
        }

        // Children on a shift need adult supervisors: at most N children per adult, checked under the shift's
        // lock. An adult joining can only help, so only a child's sign-up needs the roster.
        if (isChild && await SupervisionAfterChildJoinsAsync(db, shiftId, today, cancellationToken) is var (children, adults) &&
            children > adults * supervision.Value.ChildrenPerAdult)
        {
            return TypedResults.Conflict(Problems.Conflict("Not enough adult supervisors.",
                $"A shift takes at most {supervision.Value.ChildrenPerAdult} children per adult supervisor; it has {adults} adult(s) for {children - 1} child(ren).",
                Registry.VolunteerProblems.RatioBroken));
        }

        var taken = await db.Database.ExecuteSqlAsync(
            $"UPDATE shifts SET assigned = assigned + 1 WHERE id = {shiftId} AND assigned < max_volunteers", cancellationToken);
        if (taken == 0)
        {
            return TypedResults.Conflict(Problems.Conflict("The shift is full.", $"It takes at most {shift.MaxVolunteers} volunteers.", ShiftProblems.Full));
        }

        var requestId = await db.Opportunities.Where(o => o.Id == shift.OpportunityId).Select(o => o.RequestId).FirstAsync(cancellationToken);
        var assignment = new Assignment
        {
            Id = Guid.CreateVersion7(),
            ShiftId = shiftId,
            VolunteerId = volunteerId,
            StartsAt = shift.StartsAt,
            EndsAt = shift.EndsAt,
            AssignedAt = now,
        };
        db.Assignments.Add(assignment);
        db.AddEvent(new VolunteerAssigned(assignment.Id, volunteerId, requestId, now), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Conflict(Problems.Conflict("Already signed up.", "The volunteer is already on this shift.", ProblemTypes.Duplicate));
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation })
        {
            return TypedResults.Conflict(Problems.Conflict("Double-booked.", "The volunteer has another shift at that time.", ShiftProblems.Overlap));
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/assignments/{assignment.Id}", ToDto(assignment));
    }

    internal static async Task<Results<Ok<AssignmentDto>, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> WithdrawAsync(
        Guid id, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var shiftId = await db.Assignments.Where(a => a.Id == id).Select(a => (Guid?)a.ShiftId).FirstOrDefaultAsync(cancellationToken);
        if (shiftId is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such assignment.", $"There is no assignment {id}."));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var shift = await db.Shifts.FromSql($"SELECT * FROM shifts WHERE id = {shiftId} FOR UPDATE").FirstAsync(cancellationToken);
        var assignment = await db.Assignments.FirstAsync(a => a.Id == id, cancellationToken);
        if (!MayActFor(caller, assignment.VolunteerId))
        {
            return TypedResults.Forbid();
        }

        if (assignment.WithdrawnAt is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("Already withdrawn.", "The volunteer left this shift before.", ShiftProblems.Closed));
        }

        var now = time.GetUtcNow();
        assignment.WithdrawnAt = now;
        var requestId = await db.Opportunities.Where(o => o.Id == shift.OpportunityId).Select(o => o.RequestId).FirstAsync(cancellationToken);
        db.AddEvent(new VolunteerWithdrawn(assignment.Id, assignment.VolunteerId, requestId, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE shifts SET assigned = assigned - 1 WHERE id = {shiftId}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ToDto(assignment));
    }

    private static async Task<(int Children, int Adults)> SupervisionAfterChildJoinsAsync(
        VolunteersDbContext db, Guid shiftId, DateOnly today, CancellationToken cancellationToken)
    {
        var onShift = await db.Assignments.AsNoTracking().Where(a => a.ShiftId == shiftId && a.WithdrawnAt == null)
            .Join(db.Volunteers.AsNoTracking(), a => a.VolunteerId, v => v.Id, (_, v) => v).ToListAsync(cancellationToken);
        return (onShift.Count(v => v.IsMinorOn(today)) + 1, onShift.Count(v => v.IsAdultOn(today)));
    }

    /// <summary>Recruiters act for anyone; a volunteer only for themselves (their token's subject is their volunteer id).</summary>
    private static bool MayActFor(ClaimsPrincipal caller, Guid volunteerId) =>
        caller.IsStaffOrGridWorker() || caller.IsSubject(volunteerId);

    private static ShiftDto ToDto(Shift s) => new(s.Id, s.StartsAt, s.EndsAt, s.Place, s.MinVolunteers, s.MaxVolunteers, s.Assigned, s.Status);

    private static AssignmentDto ToDto(Assignment a) => new(a.Id, a.ShiftId, a.VolunteerId, a.AssignedAt, a.WithdrawnAt);
}

public static class ShiftProblems
{
    public const string Full = ProblemTypes.Base + "shift-full";
    public const string Overlap = ProblemTypes.Base + "shift-overlap";
    public const string Closed = ProblemTypes.Base + "shift-closed";
}

/// <summary>Settings under <c>Supervision</c>.</summary>
public sealed class SupervisionOptions
{
    public int ChildrenPerAdult { get; set; } = 5;
}
