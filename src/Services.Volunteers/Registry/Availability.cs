using Community.ServiceDefaults.Http;
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

/// <summary>Reading the weekly slots a client sends (at registration and when they are replaced), and writing them back.</summary>
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
