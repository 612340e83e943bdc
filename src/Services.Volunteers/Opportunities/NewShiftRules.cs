using Community.ServiceDefaults.Http;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>The shifts staff create with an opportunity: at least one, each in the future, at most a day long, with sane bounds.</summary>
public static class NewShiftRules
{
    public const int MaxShifts = 50;

    public const int MaxVolunteers = 500;

    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(24);

    public static FieldErrors CheckNewShifts(this FieldErrors errors, IReadOnlyList<NewShift> shifts, DateTimeOffset now)
    {
        if (shifts.Count is 0 or > MaxShifts)
        {
            errors.Add("shifts", $"between 1 and {MaxShifts} shifts.");
        }

        for (var i = 0; i < shifts.Count && i < MaxShifts; i++)
        {
            var s = shifts[i];
            if (s.StartsAt is null || s.StartsAt <= now)
            {
                errors.Add($"shifts[{i}].startsAt", "is required and must be in the future.");
            }

            if (s.EndsAt is null || s.EndsAt <= s.StartsAt || s.EndsAt - s.StartsAt > MaxLength)
            {
                errors.Add($"shifts[{i}].endsAt", "is required, after the start and at most 24 hours later.");
            }

            errors.Optional($"shifts[{i}].place", s.Place, 200)
                .Range($"shifts[{i}].maxVolunteers", s.MaxVolunteers ?? 0, 1, MaxVolunteers)
                .Range($"shifts[{i}].minVolunteers", s.MinVolunteers ?? 0, 0, s.MaxVolunteers ?? MaxVolunteers);
        }

        return errors;
    }
}
