namespace Community.Services.Activities.Staffing;

/// <summary>
/// How long a volunteer served at a session — the minutes their hours are credited for. Only time served counts:
/// a volunteer who never arrived (and whom staff did not mark present at completion) is credited nothing; one who
/// came late or left early is credited the time between, within the session.
/// </summary>
public static class ServedTime
{
    /// <param name="startsAt">When the session started.</param>
    /// <param name="endsAt">When it was to end.</param>
    /// <param name="completedAt">When it was completed (by staff, possibly before its end; or automatically after it).</param>
    /// <param name="arrivedAt">When the volunteer checked in at the door; null when they did not.</param>
    /// <param name="leftAt">When they checked out; null when they stayed to the end.</param>
    /// <param name="reportedMinutes">Minutes staff reported at completion (marking the volunteer present); wins when given.</param>
    /// <param name="markedPresent">Staff marked them present at completion without minutes: the whole session from their arrival (or its start).</param>
    /// <param name="earlierMinutes">Minutes of earlier stays, when they left and came back.</param>
    /// <returns>Whole minutes served, rounded to the nearest, at most the session's length; 0 when they did not serve.</returns>
    public static int Minutes(DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset completedAt,
        DateTimeOffset? arrivedAt, DateTimeOffset? leftAt, int? reportedMinutes = null, bool markedPresent = false, int earlierMinutes = 0)
    {
        var most = SessionMinutes(startsAt, endsAt);
        if (reportedMinutes is { } reported)
        {
            return Math.Clamp(reported, 0, most);
        }

        if (arrivedAt is null && !markedPresent)
        {
            return Math.Clamp(earlierMinutes, 0, most);
        }

        var from = Max(arrivedAt ?? startsAt, startsAt);
        var until = Min(Min(leftAt ?? endsAt, endsAt), completedAt);
        var stay = until > from ? (int)Math.Round((until - from).TotalMinutes, MidpointRounding.AwayFromZero) : 0;
        return Math.Clamp(earlierMinutes + stay, 0, most);
    }

    /// <summary>The session's length in whole minutes: the most anyone is credited.</summary>
    public static int SessionMinutes(DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        (int)Math.Round((endsAt - startsAt).TotalMinutes, MidpointRounding.AwayFromZero);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
