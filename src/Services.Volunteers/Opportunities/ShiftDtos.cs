namespace Community.Services.Volunteers.Opportunities;

public sealed record ShiftDto(
    Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place, int MinVolunteers, int MaxVolunteers, int Assigned, string Status,
    Guid? BuildingId = null);

public sealed record OpportunityDto(Guid Id, string Source, Guid RequestId, string Title, string? Skill, IReadOnlyList<ShiftDto> Shifts);

public sealed record AssignmentDto(Guid Id, Guid ShiftId, Guid VolunteerId, DateTimeOffset AssignedAt, DateTimeOffset? WithdrawnAt);

/// <summary>How shifts and assignments are shown to clients, for every endpoint that returns them.</summary>
public static class ShiftDtos
{
    public static ShiftDto ToDto(Shift s) => new(s.Id, s.StartsAt, s.EndsAt, s.Place, s.MinVolunteers, s.MaxVolunteers, s.Assigned, s.Status, s.BuildingId);

    public static AssignmentDto ToDto(Assignment a) => new(a.Id, a.ShiftId, a.VolunteerId, a.AssignedAt, a.WithdrawnAt);
}
