namespace Community.Services.Notices;

/// <summary>Settings under <c>Notices</c>: how often the jobs look, when reminders go out, how long notices are kept.</summary>
public sealed class NoticesOptions
{
    public const string Section = "Notices";

    /// <summary>How often the day-before reminders and the offer reminders are looked for.</summary>
    public TimeSpan ReminderCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Local hour of the day before a session when its reminders go out.</summary>
    public int DayBeforeReminderHour { get; set; } = 18;

    public int RetentionDays { get; set; } = 180;

    public TimeSpan RetentionCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often live delivery looks for new notices when no instance has said it wrote one (a safety net).</summary>
    public TimeSpan LivePollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
