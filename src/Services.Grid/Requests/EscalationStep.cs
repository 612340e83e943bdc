namespace Community.Services.Grid.Requests;

/// <summary>
/// One escalation of an overdue request, one level up: grid team → residents' committee staff → admin. Below the
/// top the new level gets a step's time before the next; at the top there is no next.
/// </summary>
public sealed record EscalationStep(int Level, DateTimeOffset? NextAt, string From, string To, string Why)
{
    public const int Top = 2;

    public static readonly IReadOnlyList<string> Levels = ["grid team", "residents' committee staff", "admin"];

    /// <param name="level">The level the request is at now (below <see cref="Top"/>).</param>
    public static EscalationStep For(int level, string status, DateTimeOffset dueAt, DateTimeOffset now, SlaOptions sla)
    {
        var next = level + 1;
        var why = status == RequestStatuses.Returned && dueAt > now ? "returned and not re-routed in time" : $"past due ({dueAt:u})";
        return new EscalationStep(next, next < Top ? now.AddHours(sla.EscalationStepHours) : null, Levels[level], Levels[next], why);
    }
}
