namespace Community.Services.Grid.Places;

public sealed record CreateHouseholdRequest(Guid? BuildingId, string? Unit);

public sealed record HouseholdDto(Guid Id, Guid BuildingId, string Unit, IReadOnlyList<ResidentDto> Residents);

public sealed record AddResidentRequest(string? Name, int? BirthYear, string? Phone, Guid? GuardianId);

/// <param name="Phone">Masked unless the caller is staff or in the resident's grid team.</param>
/// <param name="Tags">Only for staff and the resident's grid team; otherwise empty.</param>
public sealed record ResidentDto(Guid Id, Guid HouseholdId, string Name, int BirthYear, string? Phone, Guid? GuardianId, IReadOnlyList<string> Tags);

public sealed record RecordTagRequest(string? Tag, string? Consent);
