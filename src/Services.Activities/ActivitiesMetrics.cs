using Community.Contracts;
using Community.Messaging;

namespace Community.Services.Activities;

/// <summary>The calendar's own numbers on the dashboard (meter <c>Community.Activities</c>), counted from committed events.</summary>
public static class ActivitiesMetrics
{
    public static IHostApplicationBuilder AddActivitiesMetrics(this IHostApplicationBuilder builder) => builder.CountEvents(count => count
        .Count<RegistrationConfirmed>("community.registrations.confirmed", "{registration}",
            "Registrations that took a place (directly, or by accepting an offer).",
            attribute: ("on_behalf", e => e.OnBehalf ? "true" : "false"))
        .Count<RegistrationWaitlisted>("community.registrations.waitlisted", "{registration}",
            "Registrations that joined a waitlist because the session was full.")
        .Count<WaitlistOfferMade>("community.waitlist.offers.made", "{offer}",
            "Freed places offered to the first person waiting.")
        .Count<RegistrationCancelled>("community.waitlist.offers.expired", "{offer}",
            "Offers that lapsed unanswered (the registration is cancelled and the place goes on).",
            when: e => e.Code == CancellationReasons.OfferExpired)
        .Count<AttendanceRecorded>("community.checkins", "{check-in}",
            "People checked in at the door.",
            when: e => e.Attended));
}
