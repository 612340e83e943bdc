using Community.Contracts;
using Community.Messaging;
using Community.Services.Grid.Requests;

namespace Community.Services.Grid;

/// <summary>
/// The grid's own numbers on the dashboard (meter <c>Community.Grid</c>): requests opened, resolved and escalated and
/// household visits, counted from committed events, and the requests overdue right now, read every 30 s.
/// </summary>
public static class GridMetrics
{
    public static IHostApplicationBuilder AddGridMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OverdueRequests>();
        builder.Services.AddHostedService<OverdueRequestsWatch>();
        return builder.CountEvents(count => count
            .Count<RequestReported>("community.requests.opened", "{request}",
                "Resident requests taken in, from any channel.", attribute: ("category", e => e.Category))
            .Count<RequestResolved>("community.requests.resolved", "{request}",
                "Resident requests resolved.", attribute: ("category", e => e.Category))
            .Count<RequestEscalated>("community.requests.escalations", "{escalation}",
                "Requests that passed their due time and went one level up (1 = committee staff, 2 = admin).",
                attribute: ("level", e => e.Level.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Count<HouseholdVisited>("community.household.visits", "{visit}",
                "Household visits recorded by grid teams."));
    }
}
