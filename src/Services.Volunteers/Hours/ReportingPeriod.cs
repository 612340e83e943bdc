using Community.ServiceDefaults;
using Community.ServiceDefaults.Http;

namespace Community.Services.Volunteers.Hours;

/// <summary>A period of local dates that hours are reported over (totals, certificates): this year so far unless given.</summary>
public static class ReportingPeriod
{
    /// <summary>Ten years: the longest period the totals report covers.</summary>
    public const int MaxDays = 3660;

    public static (DateOnly First, DateOnly Last) Resolve(DateOnly? from, DateOnly? to, DateOnly today) =>
        (from ?? new DateOnly(today.Year, 1, 1), to ?? today);

    /// <summary>The period's instants: from the start of its first local day to the start of the day after its last.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Bounds(DateOnly first, DateOnly last) =>
        (Neighbourhood.StartOf(first), Neighbourhood.StartOf(last.AddDays(1)));

    public static FieldErrors CheckPeriod(this FieldErrors errors, DateOnly first, DateOnly last, bool tenYearsAtMost = false)
    {
        if (last < first)
        {
            errors.Add("to", "must not be before 'from'.");
        }
        else if (tenYearsAtMost && last.DayNumber - first.DayNumber > MaxDays)
        {
            errors.Add("to", "a period of at most ten years.");
        }

        return errors;
    }
}
