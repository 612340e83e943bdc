namespace Community.Contracts;

/// <summary>A session ended: how many residents attended and which volunteers served for how long (the Volunteers service credits their hours). No names, phone numbers or addresses.</summary>
public sealed record SessionCompleted(Guid SessionId, Guid SeriesId, string Category, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int AttendedCount, IReadOnlyList<VolunteerServed> Volunteers, DateTimeOffset CompletedAt);
