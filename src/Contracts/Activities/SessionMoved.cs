namespace Community.Contracts;

/// <summary>One session of a series moved to another time; its registrations stay. No names, phone numbers or addresses.</summary>
public sealed record SessionMoved(Guid SessionId, Guid SeriesId, DateTimeOffset OldStartsAt, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset MovedAt);
