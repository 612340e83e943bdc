namespace Community.Services.Grid.Grids;

public sealed record CreateGridRequest(string? Name, IReadOnlyList<Guid>? BuildingIds, int? VisitCycleDays, int? VulnerableVisitCycleDays);

public sealed record GridSummaryDto(Guid Id, string Name, int Buildings, bool TeamComplete, int VisitCycleDays, int VulnerableVisitCycleDays);

public sealed record TeamMemberDto(Guid Id, Guid VolunteerId, string? DisplayName, string Role, DateTimeOffset From, DateTimeOffset? Until, string? EndReason);

public sealed record GridDto(Guid Id, string Name, IReadOnlyList<Guid> BuildingIds, IReadOnlyList<TeamMemberDto> Team, bool TeamComplete, int VisitCycleDays, int VulnerableVisitCycleDays);

public sealed record AddBuildingRequest(Guid? BuildingId);

public sealed record VisitCyclesRequest(int? VisitCycleDays, int? VulnerableVisitCycleDays);

public sealed record AppointRequest(Guid? VolunteerId, string? Role);

public sealed record EndRoleRequest(string? Reason);
