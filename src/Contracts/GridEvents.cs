namespace Community.Contracts;

// Events from the Grid service. They carry ids, categories, buildings and times — never names, phone
// numbers or free text, which may hold residents' personal data.

/// <summary>Someone took up or left a role in a grid's 1+2+X team.</summary>
/// <param name="Role">secretary, building-leader, youth-representative or volunteer.</param>
/// <param name="Change">joined or left.</param>
public sealed record GridTeamChanged(Guid GridId, Guid VolunteerId, string Role, string Change, DateTimeOffset ChangedAt);

/// <summary>A team member visited a household.</summary>
public sealed record HouseholdVisited(Guid VisitId, Guid GridId, Guid HouseholdId, Guid BuildingId, int NeedsFound, DateTimeOffset VisitedAt);

/// <summary>A resident request was taken in (from any channel).</summary>
public sealed record RequestReported(Guid RequestId, string Category, string Priority, string Channel, Guid BuildingId, Guid? GridId, DateTimeOffset ReportedAt, DateTimeOffset DueAt);

/// <summary>A request was routed to a grid's team (GridId) or, without a grid, to station staff (GridId null).</summary>
public sealed record RequestAssigned(Guid RequestId, Guid? GridId, Guid? AssigneeId, string Category, Guid BuildingId, DateTimeOffset AssignedAt);

/// <summary>A request passed its due time and went one level up: 1 = residents' committee staff, 2 = admin.</summary>
public sealed record RequestEscalated(Guid RequestId, int Level, string Category, Guid BuildingId, Guid? GridId, DateTimeOffset DueAt, DateTimeOffset EscalatedAt);

public sealed record RequestResolved(Guid RequestId, string Category, Guid BuildingId, Guid? GridId, bool WithinSla, DateTimeOffset ReportedAt, DateTimeOffset ResolvedAt);

/// <param name="Resolved">False for closed-unresolved.</param>
public sealed record RequestClosed(Guid RequestId, string Category, Guid BuildingId, Guid? GridId, bool Resolved, DateTimeOffset ClosedAt);

public sealed record RequestReopened(Guid RequestId, string Category, Guid BuildingId, Guid? GridId, DateTimeOffset ReopenedAt);

/// <summary>Staff merged a duplicate request into its original; the duplicate is done and its reporter follows the original.</summary>
public sealed record RequestMerged(Guid RequestId, Guid IntoRequestId, string Category, Guid BuildingId, Guid? GridId, DateTimeOffset MergedAt);

/// <summary>A request needs volunteers (e.g. to accompany an elderly resident to hospital); the Volunteers service makes an opportunity of it.</summary>
public sealed record VolunteerHelpRequested(
    Guid HelpRequestId, Guid RequestId, string Category, string? Skill, int Needed, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid BuildingId, DateTimeOffset RequestedAt);
