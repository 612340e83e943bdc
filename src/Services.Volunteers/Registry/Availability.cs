using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.Registry;

/// <summary>A weekly time a volunteer is usually free, in the neighbourhood's local time (e.g. Saturday 09:00–12:00).</summary>
public sealed class AvailabilitySlot
{
    public Guid Id { get; set; }

    public Guid VolunteerId { get; set; }

    public DayOfWeek Day { get; set; }

    public TimeOnly Starts { get; set; }

    public TimeOnly Ends { get; set; }
}

/// <param name="Day">monday … sunday.</param>
/// <param name="From">Local time, "HH:mm".</param>
/// <param name="To">Local time, "HH:mm", after <paramref name="From"/>.</param>
public sealed record AvailabilitySlotDto(string? Day, string? From, string? To);

public sealed record SetAvailabilityRequest(IReadOnlyList<AvailabilitySlotDto>? Slots);

public static class Availability
{
    public const int MaxSlots = 21;

    /// <summary>Checks slots a client sent; errors are named <c>{field}[i].day</c> and so on.</summary>
    public static List<AvailabilitySlot> Parse(IReadOnlyList<AvailabilitySlotDto>? slots, string field, FieldErrors errors)
    {
        var parsed = new List<AvailabilitySlot>();
        if (slots is null)
        {
            return parsed;
        }

        if (slots.Count > MaxSlots)
        {
            errors.Add(field, $"at most {MaxSlots} slots.");
            return parsed;
        }

        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            var ok = true;
            if (!Enum.TryParse<DayOfWeek>(slot.Day, ignoreCase: true, out var day) || int.TryParse(slot.Day, out _))
            {
                errors.Add($"{field}[{i}].day", "must be a day of the week (monday … sunday).");
                ok = false;
            }

            if (!TimeOnly.TryParseExact(slot.From ?? "", "HH:mm", out var from))
            {
                errors.Add($"{field}[{i}].from", "must be a time like 09:00.");
                ok = false;
            }

            if (!TimeOnly.TryParseExact(slot.To ?? "", "HH:mm", out var to))
            {
                errors.Add($"{field}[{i}].to", "must be a time like 12:00.");
                ok = false;
            }
            else if (ok && to <= from)
            {
                errors.Add($"{field}[{i}].to", "must be after the slot's start.");
                ok = false;
            }

            if (ok)
            {
                parsed.Add(new AvailabilitySlot { Id = Guid.CreateVersion7(), Day = day, Starts = from, Ends = to });
            }
        }

        return parsed;
    }

    public static AvailabilitySlotDto ToDto(AvailabilitySlot slot) =>
        new(slot.Day.ToString().ToLowerInvariant(), slot.Starts.ToString("HH:mm"), slot.Ends.ToString("HH:mm"));

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
        var volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (volunteer is null)
        {
            return TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        if (!volunteer.AllowsCaller(caller))
        {
            return TypedResults.Forbid();
        }

        var slots = await db.AvailabilitySlots.AsNoTracking().Where(s => s.VolunteerId == id).OrderBy(s => s.Day).ThenBy(s => s.Starts).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AvailabilitySlotDto>>(slots.Select(ToDto).ToList());
    }

    internal static async Task<Results<Ok<IReadOnlyList<AvailabilitySlotDto>>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> SetAsync(
        Guid id, SetAvailabilityRequest request, VolunteersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (volunteer is null)
        {
            return TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        if (!volunteer.AllowsCaller(caller))
        {
            return TypedResults.Forbid();
        }

        var errors = new FieldErrors();
        var slots = Parse(request.Slots ?? [], "slots", errors);
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
        return TypedResults.Ok<IReadOnlyList<AvailabilitySlotDto>>(slots.OrderBy(s => s.Day).ThenBy(s => s.Starts).Select(ToDto).ToList());
    }
}

internal sealed class AvailabilitySlotConfiguration : IEntityTypeConfiguration<AvailabilitySlot>
{
    public void Configure(EntityTypeBuilder<AvailabilitySlot> slot)
    {
        slot.ToTable("availability_slots", t => t.HasCheckConstraint("ck_availability_slots_times", "ends > starts"));
        slot.HasKey(s => s.Id);
        slot.HasOne<Volunteer>().WithMany().HasForeignKey(s => s.VolunteerId).OnDelete(DeleteBehavior.Cascade);
        slot.HasIndex(s => new { s.VolunteerId, s.Day });
    }
}
