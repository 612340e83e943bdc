using Community.Contracts;
using Community.Messaging;

namespace Community.Services.Volunteers;

/// <summary>The volunteers' own numbers on the dashboard (meter <c>Community.Volunteers</c>), counted from committed events.</summary>
public static class VolunteersMetrics
{
    public static IHostApplicationBuilder AddVolunteersMetrics(this IHostApplicationBuilder builder) => builder.CountEvents(count => count
        .Sum<ServiceHoursCredited>("community.volunteer.hours.credited", "h",
            "Service hours credited to volunteers (from completed sessions and confirmed logs).",
            e => e.Minutes / 60.0, attribute: ("source", e => e.Source)));
}
