namespace Community.ServiceDefaults;

/// <summary>The neighbourhood's clock: Asia/Shanghai for display, recurrence, ages and "today".</summary>
public static class Neighbourhood
{
    public const string TimeZoneId = "Asia/Shanghai";

    public static readonly TimeZoneInfo TimeZone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public static DateTime ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, TimeZone).DateTime;

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(ToLocal(now));

    /// <summary>The instant a local date begins (midnight in Shanghai), for "from this date to that date" queries.</summary>
    public static DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}
