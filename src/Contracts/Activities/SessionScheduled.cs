namespace Community.Contracts;

/// <summary>A session of an activity was put in the calendar. No names, phone numbers or addresses.</summary>
public sealed record SessionScheduled(Guid SessionId, Guid SeriesId, Guid VenueId, string Category, string Audience, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, string? Title = null);
