using System.Security.Claims;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Registry;

public sealed record SetAvailabilityRequest(IReadOnlyList<AvailabilitySlotDto>? Slots);

/// <summary>A volunteer's weekly availability, read and replaced by whoever may act on their record.</summary>
public static class AvailabilityApi
{
    public static IEndpointRouteBuilder MapAvailabilityApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/volunteers/{id:guid}/availability", GetAsync).WithTags("Registry").WithName("GetAvailability")
            .WithSummary("A volunteer's weekly availability (themselves, their guardian, or staff and grid workers).");
        app.MapPut("/volunteers/{id:guid}/availability", SetAsync).WithTags("Registry").WithName("SetAvailability")
            .WithSummary("Replaces a volunteer's weekly availability.");
        return app;
    }

    internal static async Task<Results<Ok<IReadOnlyList<AvailabilitySlotDto>>, NotFound<ProblemDetails>, ForbidHttpResult>> GetAsync(
        Guid id, VolunteersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var lookup = await db.FindForAsync(id, caller, cancellationToken);
        if (lookup.Volunteer is null)
        {
            return lookup.Exists ? TypedResults.Forbid() : TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        var slots = await db.AvailabilitySlots.AsNoTracking().Where(s => s.VolunteerId == id).OrderBy(s => s.Day).ThenBy(s => s.Starts).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AvailabilitySlotDto>>(slots.Select(Availability.ToDto).ToList());
    }

    internal static async Task<Results<Ok<IReadOnlyList<AvailabilitySlotDto>>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> SetAsync(
        Guid id, SetAvailabilityRequest request, VolunteersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var lookup = await db.FindForAsync(id, caller, cancellationToken);
        if (lookup.Volunteer is null)
        {
            return lookup.Exists ? TypedResults.Forbid() : TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        var errors = new FieldErrors();
        var slots = Availability.Parse(request.Slots ?? [], "slots", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AvailabilitySlots.Where(s => s.VolunteerId == id).ExecuteDeleteAsync(cancellationToken);
        foreach (var slot in slots)
        {
            slot.VolunteerId = id;
        }

        db.AvailabilitySlots.AddRange(slots);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AvailabilitySlotDto>>(slots.OrderBy(s => s.Day).ThenBy(s => s.Starts).Select(Availability.ToDto).ToList());
    }
}
