using Community.Services.Activities.Data;
using Community.Services.Activities.Series;
using Community.Services.Activities.Sessions;
using Community.Services.Activities.Venues;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Finding;

/// <summary>
/// Public iCalendar feeds (RFC 5545) that calendar apps subscribe to: one per venue and one per activity.
/// Each session is its own event (UID = session id), so a moved or cancelled session updates in place.
/// No registrations, no personal data.
/// </summary>
public static class CalendarFeedApi
{
    private static readonly TimeSpan History = TimeSpan.FromDays(30);

    public static IEndpointRouteBuilder MapCalendarFeedApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/venues/{id:guid}/calendar.ics", VenueFeedAsync)
            .WithTags("Finding")
            .WithName("VenueCalendar")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The venue's sessions as an iCalendar feed (public).")
            .AllowAnonymous();
        app.MapGet("/series/{id:guid}/calendar.ics", SeriesFeedAsync)
            .WithTags("Finding")
            .WithName("SeriesCalendar")
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("An activity's sessions as an iCalendar feed (public).")
            .AllowAnonymous();
        return app;
    }

    internal static async Task<IResult> VenueFeedAsync(Guid id, ActivitiesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var venue = await db.Venues.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        return venue is null
            ? TypedResults.NotFound()
            : await FeedAsync(db, time, $"{venue.Name}", s => s.VenueId == id, cancellationToken);
    }

    internal static async Task<IResult> SeriesFeedAsync(Guid id, ActivitiesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var series = await db.Series.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return series is null
            ? TypedResults.NotFound()
            : await FeedAsync(db, time, series.Title, s => s.SeriesId == id, cancellationToken);
    }

    private static async Task<IResult> FeedAsync(ActivitiesDbContext db, TimeProvider time, string name,
        System.Linq.Expressions.Expression<Func<Session, bool>> which, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - History;
        var sessions = await db.Sessions.AsNoTracking().Where(which).Where(s => s.EndsAt >= since)
            .Join(db.Series.AsNoTracking(), s => s.SeriesId, series => series.Id, (s, series) => new { Session = s, Series = series })
            .Join(db.Venues.AsNoTracking(), x => x.Session.VenueId, v => v.Id, (x, venue) => new { x.Session, x.Series, Venue = venue })
            .OrderBy(x => x.Session.StartsAt)
            .Take(1000)
            .ToListAsync(cancellationToken);

        var calendar = new Calendar { ProductId = "-//Yangcheng Guidu Community//Activities//ZH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", Recurrence.Zone);
        // The zone's own definition, so a client resolves TZID=Asia/Shanghai without guessing (RFC 5545 3.6.5).
        calendar.AddTimeZone(Recurrence.Zone);
        foreach (var x in sessions)
        {
            calendar.Events.Add(ToEvent(x.Session, x.Series, x.Venue));
        }

        var text = new CalendarSerializer().SerializeToString(calendar) ?? "";
        return TypedResults.Text(text, "text/calendar; charset=utf-8");
    }

    private static CalendarEvent ToEvent(Session session, ActivitySeries series, Venue venue)
    {
        var start = Recurrence.ToLocal(session.StartsAt);
        var end = Recurrence.ToLocal(session.EndsAt);
        return new CalendarEvent
        {
            Uid = $"{session.Id}@community.yangcheng-guidu",
            Summary = series.Title,
            Description = series.Description,
            Location = venue.Location is null ? venue.Name : $"{venue.Name}, {venue.Location}",
            DtStart = new CalDateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second, Recurrence.Zone),
            DtEnd = new CalDateTime(end.Year, end.Month, end.Day, end.Hour, end.Minute, end.Second, Recurrence.Zone),
            Status = session.Status == SessionStatus.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Categories = [series.Category],
            // Bumped by every move and cancellation, so a subscribed calendar takes the change (RFC 5545 3.8.7.4).
            Sequence = session.Sequence,
        };
    }
}
