using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Hours;
using Community.Services.Volunteers.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Opportunities;

public sealed record NewShift(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Place, Guid? BuildingId, int? MinVolunteers, int? MaxVolunteers);

public sealed record CreateOpportunityRequest(string? Title, string? Skill, IReadOnlyList<NewShift>? Shifts);

/// <param name="Minutes">Time served; the whole shift when left out.</param>
public sealed record ServedDto(Guid? VolunteerId, int? Minutes);

/// <param name="Served">Required: who served, each for their minutes (their whole shift when left out); an empty list when nobody came.</param>
public sealed record CompleteShiftRequest(IReadOnlyList<ServedDto>? Served);

public sealed record ShiftCompletedDto(Guid ShiftId, int Credited, int TotalMinutes);

/// <summary>Opportunities staff create themselves (a riverbank clean-up), and completing their shifts, which credits hours.</summary>
public static class StaffOpportunitiesApi
{
    public static IEndpointRouteBuilder MapStaffOpportunitiesApi(this IEndpointRouteBuilder app)
    {
        // Every endpoint here is for the people who run shifts.
        var group = app.MapGroup("").WithTags("Opportunities").RequireAuthorization(Policies.Workers);
        group.MapPost("/opportunities", CreateAsync)
            .WithName("CreateOpportunity")
            .WithSummary("Staff create an opportunity with its shifts.");
        group.MapPost("/shifts/{shiftId:guid}/complete", CompleteAsync)
            .WithName("CompleteShift")
            .WithSummary("The supervisor (staff, or a grid worker of the shift's building) records who served on a staff-created shift; their hours are credited once. Nobody credits themselves.");
        return app;
    }

    internal static async Task<Results<Created<OpportunityDto>, ValidationProblem>> CreateAsync(
        CreateOpportunityRequest request, VolunteersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new FieldErrors().Require("title", request.Title, 100);
        if (request.Skill is not null && !(await db.Skills.ActiveCodesAsync(cancellationToken)).Contains(request.Skill))
        {
            errors.Add("skill", $"'{request.Skill}' is not on the skill list (see GET /skills).");
        }

        var shifts = request.Shifts ?? [];
        if (errors.CheckNewShifts(shifts, now).Any)
        {
            return errors.ToProblem();
        }

        var opportunity = Opportunity.Open(OpportunitySources.Staff, Guid.CreateVersion7(), request.Title!.Trim(), request.Skill, now);
        var created = shifts.Select(s => opportunity.NewShift(s.StartsAt!.Value, s.EndsAt!.Value, s.Place?.Trim(), s.BuildingId, s.MinVolunteers ?? 0, s.MaxVolunteers!.Value))
            .OrderBy(s => s.StartsAt).ToList();
        db.Opportunities.Add(opportunity);
        db.Shifts.AddRange(created);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/opportunities/{opportunity.Id}",
            new OpportunityDto(opportunity.Id, opportunity.Source, opportunity.RequestId, opportunity.Title, opportunity.Skill, created.Select(ShiftDtos.ToDto).ToList()));
    }

    internal static async Task<Results<Ok<ShiftCompletedDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> CompleteAsync(
        Guid shiftId, CompleteShiftRequest request, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var shift = await db.Shifts.FromSql($"SELECT * FROM shifts WHERE id = {shiftId} FOR UPDATE").FirstOrDefaultAsync(cancellationToken);
        if (shift is null)
        {
            return TypedResults.NotFound(ShiftProblems.NoSuchShift(shiftId));
        }

        var opportunity = await db.Opportunities.AsNoTracking().FirstAsync(o => o.Id == shift.OpportunityId, cancellationToken);
        if (ShiftCompletion.Refusal(shift, opportunity, now) is { } refusal)
        {
            return TypedResults.Conflict(refusal);
        }

        var onShift = await db.Assignments.AsNoTracking().Where(a => a.ShiftId == shiftId && a.WithdrawnAt == null).Select(a => a.VolunteerId).ToListAsync(cancellationToken);
        var length = ShiftCompletion.LengthInMinutes(shift);
        var errors = ShiftCompletion.Check(request.Served, onShift, length);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var served = request.Served!;
        var who = await db.CallerAsync(caller, cancellationToken);
        if (!ShiftCompletion.MayComplete(who, shift, served.Select(s => s.VolunteerId!.Value)))
        {
            return TypedResults.Forbid();
        }

        shift.Status = ShiftStatuses.Completed;
        var by = caller.AuditActor();
        foreach (var s in served)
        {
            db.Record(s.VolunteerId!.Value, s.Minutes ?? length, HourSources.Shift, shiftId, opportunity.Title, shift.StartsAt,
                HourStatuses.Confirmed, by, "shift completed by its supervisor", now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new ShiftCompletedDto(shiftId, served.Count, served.Sum(s => s.Minutes ?? length)));
    }
}
