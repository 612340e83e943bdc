using Community.Services.Activities.Series;

namespace Community.Services.Activities.Sessions;

public sealed record SessionDto(
    Guid Id, Guid SeriesId, string Title, string Category, string Audience, Guid VenueId, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTime StartsAtLocal, int Capacity, int PlacesLeft, string Status);

/// <summary>A session as every endpoint shows it (sessions, series, "near me"): with its activity's title, category and audience.</summary>
public static class SessionDtos
{
    public static SessionDto ToDto(Session s, ActivitySeries series) => new(
        s.Id, s.SeriesId, series.Title, series.Category, series.Audience, s.VenueId, s.StartsAt, s.EndsAt, Recurrence.ToLocal(s.StartsAt),
        s.Capacity, Math.Max(0, s.Capacity - s.PlacesTaken), s.Status);
}
