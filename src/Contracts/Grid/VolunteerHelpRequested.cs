namespace Community.Contracts;

/// <summary>A request needs volunteers (e.g. to accompany an elderly resident to hospital); the Volunteers service makes an opportunity of it.</summary>
public sealed record VolunteerHelpRequested(
    Guid HelpRequestId, Guid RequestId, string Category, string? Skill, int Needed, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid BuildingId, DateTimeOffset RequestedAt);
