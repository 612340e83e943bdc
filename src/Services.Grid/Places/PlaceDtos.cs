namespace Community.Services.Grid.Places;

public sealed record CreateCompoundRequest(string? Name, string? EnglishName);

public sealed record CompoundDto(Guid Id, string Name, string? EnglishName);

public sealed record RegisterBuildingRequest(Guid? CompoundId, string? Number, int? Floors, double? Latitude, double? Longitude);

public sealed record BuildingDto(Guid Id, Guid CompoundId, string Number, int Floors, double? Latitude, double? Longitude, DateTimeOffset RegisteredAt);
