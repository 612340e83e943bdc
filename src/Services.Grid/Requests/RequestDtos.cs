using System.Security.Claims;
using Community.ServiceDefaults.Auth;

namespace Community.Services.Grid.Requests;

public sealed record ReportRequest(
    string? Category, string? Priority, string? Channel, Guid? BuildingId, Guid? HouseholdId, string? Description,
    IReadOnlyList<string>? Pictures, bool? Anonymous, Guid? ReporterId);

/// <param name="ReporterId">Shown to staff, to the grid team unless the reporter asked to stay anonymous, and to the reporter.</param>
public sealed record RequestDto(
    Guid Id, string Category, string Priority, string Channel, Guid BuildingId, Guid? HouseholdId, string Description, IReadOnlyList<string> Pictures,
    Guid? ReporterId, bool Anonymous, string Status, Guid? GridId, Guid? AssigneeId, int EscalationLevel,
    DateTimeOffset ReportedAt, DateTimeOffset DueAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt, string? Resolution, Guid? MergedIntoId);

/// <summary>What a resident may see of someone else's open request: that it exists, not who reported it or what they wrote.</summary>
public sealed record SimilarRequestDto(Guid Id, string Category, string Status, DateTimeOffset ReportedAt, string? Description);

public sealed record TransitionRequest(string? Action, string? Reason, string? Resolution);

public sealed record RouteRequest(Guid? GridId, string? Reason);

public sealed record AssignRequest(Guid? AssigneeId);

public sealed record PriorityRequest(string? Priority, string? Reason);

public sealed record NoteRequest(string? Note);

public sealed record MergeRequest(Guid? IntoId, string? Reason);

/// <param name="Source">Left out by the reporter; staff or a team member recording a call or a visit give
/// <c>phone-call</c> or <c>visit</c> and the <paramref name="Respondent"/> who answered.</param>
public sealed record FollowUpRequest(bool? Satisfied, string? Comment, string? Source = null, string? Respondent = null);

/// <param name="DisplayName">As the volunteer registry announced it; null until Grid has heard of the volunteer.</param>
public sealed record HelperDto(Guid VolunteerId, string? DisplayName, DateTimeOffset AssignedAt);

/// <summary>A call for volunteers on a request and who took it up.</summary>
public sealed record RequestHelpDto(Guid Id, string? Skill, int Needed, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset RequestedAt, IReadOnlyList<HelperDto> Helpers);

public sealed record VolunteerHelpRequest(string? Skill, int? Needed, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

public sealed record RequestChangeDto(DateTimeOffset At, string By, string What, string? From, string? To, string? Reason);

public static class RequestDtos
{
    /// <summary>
    /// Staff see everything; the team everything but an anonymous reporter; the reporter their own request. A
    /// resident following an original through their merged duplicate sees its progress, not what someone else wrote.
    /// </summary>
    public static RequestDto ToDto(ResidentRequest r, ClaimsPrincipal caller, RequestRelation relation)
    {
        var isTeam = relation == RequestRelation.Team;
        var isReporter = relation == RequestRelation.Reporter;
        var showReporter = caller.IsStaff() || (isTeam && !r.Anonymous) || isReporter;
        var sees = caller.IsStaff() || isTeam || isReporter;
        return new RequestDto(r.Id, r.Category, r.Priority, r.Channel, r.BuildingId, r.HouseholdId, sees ? r.Description : "", sees ? r.Pictures : [],
            showReporter ? r.ReporterId : null, r.Anonymous, r.Status, r.GridId, r.AssigneeId, r.EscalationLevel,
            r.ReportedAt, r.DueAt, r.ResolvedAt, r.ClosedAt, r.Resolution, r.MergedIntoId);
    }

}
