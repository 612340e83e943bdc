namespace Community.Services.Grid.Requests;

/// <summary>Settings under <c>Requests</c>: due times per category and priority, and how escalation proceeds.</summary>
public sealed class SlaOptions
{
    /// <summary>Hours from intake to due, per category, for normal priority.</summary>
    public Dictionary<string, double> NormalHours { get; set; } = new()
    {
        ["repair"] = 72,
        ["neighbour-dispute"] = 168,
        ["environment-garbage"] = 48,
        ["stray-animals"] = 72,
        ["elderly-care"] = 24,
        ["equipment-need"] = 72,
        ["suggestion"] = 336,
        ["other"] = 120,
    };

    /// <summary>Hours from intake to due for an urgent request of any category.</summary>
    public double UrgentHours { get; set; } = 24;

    /// <summary>After escalating, how long the new level has before the next escalation.</summary>
    public double EscalationStepHours { get; set; } = 24;

    /// <summary>A returned request must be re-routed within this many hours, or it escalates to staff.</summary>
    public double RerouteWithinHours { get; set; } = 24;

    /// <summary>How often the escalation job looks for overdue requests.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan DueAfter(string category, string priority) => TimeSpan.FromHours(
        priority == RequestPriorities.Urgent ? UrgentHours : NormalHours.GetValueOrDefault(category, NormalHours.GetValueOrDefault("other", 120)));
}
