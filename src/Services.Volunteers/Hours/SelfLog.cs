using Community.ServiceDefaults.Http;

namespace Community.Services.Volunteers.Hours;

/// <summary>Time a volunteer logs themselves: what they did, for how long, and when (not in the future, not too long ago).</summary>
public static class SelfLog
{
    public const int MaxDaysBack = 90;

    public const int MaxActivityLength = 200;

    public const int MaxMinutes = 1440;

    public static FieldErrors Check(LogHoursRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors().Require("activity", request.Activity, MaxActivityLength).Range("minutes", request.Minutes ?? 0, 1, MaxMinutes);
        if (request.ServedAt is not { } servedAt || servedAt > now || servedAt < now.AddDays(-MaxDaysBack))
        {
            errors.Add("servedAt", $"is required: when the work was done, not in the future and at most {MaxDaysBack} days ago.");
        }

        return errors;
    }
}
