using System.Globalization;

namespace Community.Services.Activities.Series;

/// <summary>Residents and staff think in Shanghai wall-clock time; the API takes it as <c>yyyy-MM-ddTHH:mm</c>.</summary>
public static class LocalTime
{
    private static readonly string[] Formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>How far ahead a session may be planned: a neighbourhood plans a season or a school year, not decades.</summary>
    public const int MaxYearsAhead = 2;

    public static bool TryParse(string? value, out DateTime local) =>
        DateTime.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);

    /// <summary>
    /// Why a session cannot start at <paramref name="local"/> (Shanghai time), or null when it can: it must be in the
    /// future and at most <see cref="MaxYearsAhead"/> years away. Compared in local time, so a date at either end of the
    /// calendar (0001-01-01, 9999-12-31) is refused rather than overflowing on the way to UTC.
    /// </summary>
    public static string? WhyNotPlannable(DateTime local, DateTimeOffset now)
    {
        if (local <= Recurrence.ToLocal(now))
        {
            return "must be in the future.";
        }

        return IsBeyondHorizon(local, now) ? $"must be at most {MaxYearsAhead} years from now." : null;
    }

    /// <summary>Whether <paramref name="local"/> (Shanghai time) is more than <see cref="MaxYearsAhead"/> years away.</summary>
    public static bool IsBeyondHorizon(DateTime local, DateTimeOffset now) => local > Recurrence.ToLocal(now).AddYears(MaxYearsAhead);
}
