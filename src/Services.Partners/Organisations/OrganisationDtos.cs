namespace Community.Services.Partners.Organisations;

public sealed record OrganisationRequest(string? Name, string? Kind, IReadOnlyList<string?>? AreasOfHelp, string? ContactName, string? ContactPhone);

/// <summary>An organisation; the contact's phone is whole for station staff and masked for everyone else.</summary>
public sealed record OrganisationDto(
    Guid Id, string Name, string Kind, IReadOnlyList<string> AreasOfHelp, string ContactName, string ContactPhone, bool Approved,
    DateTimeOffset CreatedAt, DateTimeOffset? ApprovedAt);
