namespace Community.Services.Partners.Pledges;

public sealed record NeedRequest(string? Kind, string? Title, int? Quantity, DateTimeOffset? NeededBy);

public sealed record PledgeRequest(string? What, int? Quantity, DateOnly? DeliverBy);

public sealed record DeclineRequest(string? Reason);

public sealed record NeedDto(
    Guid Id, string Kind, string? ItemKind, string Title, int Quantity, int Received, int Pledged, DateTimeOffset? NeededBy, bool Open, DateTimeOffset CreatedAt);

public sealed record PledgeDto(
    Guid Id, Guid NeedId, string NeedTitle, Guid OrganisationId, string OrganisationName, string What, int Quantity, DateOnly? DeliverBy, string Status,
    DateTimeOffset OfferedAt, DateTimeOffset? DecidedAt, string? DeclineReason, DateTimeOffset? DeliveredAt, DateTimeOffset? FulfilledAt);

/// <summary>What an organisation has given, received and confirmed, by month.</summary>
public sealed record ContributionsDto(Guid OrganisationId, string OrganisationName, int Fulfilled, int Items, IReadOnlyList<PledgeDto> Pledges);
