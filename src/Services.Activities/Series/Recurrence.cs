using Community.ServiceDefaults;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;

namespace Community.Services.Activities.Series;

/// <summary>
/// RFC 5545 recurrence in the neighbourhood's zone (Asia/Shanghai): "every Tuesday 9:30" stays 9:30 local.
/// </summary>
public static class Recurrence
{
    public const string Zone = Neighbourhood.TimeZoneId;

    /// <summary>No series plans more than this many sessions at once (a year of weekly classes, with room).</summary>
    public const int MaxOccurrences = 120;

    public static TimeZoneInfo ShanghaiZone => Neighbourhood.TimeZone;

    public static bool TryParse(string rule, out string? error)
    {
        try
        {
            var pattern = new RecurrencePattern(rule);
            if (pattern.Count is null && pattern.Until is null)
            {
                error = "must end: give COUNT or UNTIL.";
                return false;
            }

            error = null;
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            error = $"is not an RFC 5545 RRULE ({ex.Message}).";
            return false;
        }
    }

    /// <summary>The start times, in UTC, of a series whose first session starts at <paramref name="firstLocal"/> (Shanghai time).</summary>
    public static IReadOnlyList<DateTimeOffset> Occurrences(DateTime firstLocal, string? rule)
    {
        if (string.IsNullOrWhiteSpace(rule))
        {
            return [ToUtc(firstLocal)];
        }

        var start = new CalDateTime(firstLocal.Year, firstLocal.Month, firstLocal.Day, firstLocal.Hour, firstLocal.Minute, firstLocal.Second, Zone);
        var calendarEvent = new CalendarEvent { DtStart = start, Duration = Duration.FromMinutes(1), RecurrenceRule = new RecurrencePattern(rule) };
        return calendarEvent.GetOccurrences()
            .Take(MaxOccurrences + 1)
            .Select(o => new DateTimeOffset(DateTime.SpecifyKind(o.Period.StartTime.AsUtc, DateTimeKind.Utc)))
            .ToList();
    }

    /// <summary>
    /// As <see cref="Occurrences"/>, false when the rule's next date falls past the calendar's end (year 9999, e.g.
    /// <c>FREQ=YEARLY;INTERVAL=100000</c>), which Ical.Net and <see cref="DateTime"/> report by throwing.
    /// </summary>
    public static bool TryOccurrences(DateTime firstLocal, string? rule, out IReadOnlyList<DateTimeOffset> starts)
    {
        try
        {
            starts = Occurrences(firstLocal, rule);
            return true;
        }
        catch (Exception ex) when (ex is EvaluationOutOfRangeException or ArgumentOutOfRangeException)
        {
            starts = [];
            return false;
        }
    }

    public static DateTimeOffset ToUtc(DateTime local) =>
        new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ShanghaiZone), TimeSpan.Zero);

    public static DateTime ToLocal(DateTimeOffset utc) => Neighbourhood.ToLocal(utc);
}
