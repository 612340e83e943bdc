namespace Community.Services.Grid.Requests;

public sealed record OpenDisputeRequest(IReadOnlyList<Guid>? PartyHouseholdIds, string? Mediator);

public sealed record MediationSessionRequest(DateTimeOffset? HeldAt, IReadOnlyList<Guid>? AttendingHouseholdIds, string? Summary);

public sealed record AgreementRequest(string? Text);

public sealed record MediationSessionDto(Guid Id, DateTimeOffset HeldAt, IReadOnlyList<Guid> AttendingHouseholdIds, string Summary, string RecordedBy);

public sealed record ScheduledFollowUpDto(Guid Id, Guid RequestId, DateTimeOffset DueAt, DateTimeOffset? DoneAt);

public sealed record DisputeDto(
    Guid RequestId, IReadOnlyList<Guid> PartyHouseholdIds, string Mediator, string? Agreement, DateTimeOffset? AgreedAt,
    IReadOnlyList<MediationSessionDto> Sessions, IReadOnlyList<ScheduledFollowUpDto> FollowUps);
