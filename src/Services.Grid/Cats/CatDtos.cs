namespace Community.Services.Grid.Cats;

/// <param name="Place"><c>building</c> (give buildingId), <c>compound</c> (give compoundId) or <c>spot</c> (describe it in spot; compoundId when it is in one).</param>
public sealed record CreateColonyRequest(string? Name, string? Place, Guid? BuildingId, Guid? CompoundId, string? Spot);

/// <param name="CatId">An archived cat that left its colony (adopted, moved away) and is back: give only its id. A cat still in a colony is moved, not added.</param>
/// <param name="Sex"><c>female</c>, <c>male</c> or <c>unknown</c>.</param>
public sealed record RecordCatRequest(
    Guid? CatId, string? Name, string? Description, string? PhotoRef, string? Sex, DateOnly? NeuteredOn, bool? EarTipped,
    IReadOnlyList<VaccinationRequest>? Vaccinations);

public sealed record DescribeCatRequest(string? Name, string? Description, string? PhotoRef, string? Sex);

/// <param name="EarTipped">Whether the ear was tipped (the default: it is how a neutered community cat is recognised).</param>
public sealed record NeuteringRequest(DateOnly? NeuteredOn, bool? EarTipped);

public sealed record VaccinationRequest(string? Vaccine, DateOnly? GivenOn);

/// <param name="Status"><c>adopted</c>, <c>moved</c> (away, out of the neighbourhood's colonies) or <c>deceased</c>.</param>
/// <param name="On">The day it happened (today when left out).</param>
public sealed record CatStatusRequest(string? Status, DateOnly? On);

public sealed record MoveCatRequest(Guid? ColonyId);

public sealed record LinkComplaintRequest(Guid? RequestId);

public sealed record PlaceStationRequest(string? Name, DateOnly? PlacedOn, IReadOnlyList<Guid>? CaretakerIds);

public sealed record CaretakersRequest(IReadOnlyList<Guid>? CaretakerIds);

/// <param name="CaretakerId">Who fed, when the team enters it from the paper log; a caretaker logging their own feeding leaves it out.</param>
public sealed record LogFeedingRequest(DateTimeOffset? FedAt, string? Note, Guid? CaretakerId);

public sealed record VaccinationDto(string Vaccine, DateOnly GivenOn);

/// <param name="ColonyId">The colony it is in, or the one it left.</param>
/// <param name="LeftOn">The day it was adopted, moved away or died.</param>
public sealed record CatDto(
    Guid Id, Guid ColonyId, string Name, string? Description, string? PhotoRef, string Sex, DateOnly? NeuteredOn, bool EarTipped,
    IReadOnlyList<VaccinationDto> Vaccinations, string Status, DateOnly? LeftOn, DateTimeOffset RecordedAt);

public sealed record CaretakerDto(Guid VolunteerId, string? DisplayName, DateTimeOffset From);

public sealed record StationDto(Guid Id, Guid ColonyId, string Name, DateOnly PlacedOn, IReadOnlyList<CaretakerDto> Caretakers, DateTimeOffset? LastFedAt);

public sealed record ComplaintDto(Guid RequestId, string Status, DateTimeOffset ReportedAt, DateTimeOffset LinkedAt);

/// <param name="GridId">The grid whose team looks after it (a colony by a building in a grid); null: station staff.</param>
/// <param name="Cats">The colony's cats, and those that left it adopted, moved away or deceased; at most 500.</param>
public sealed record ColonyDto(
    Guid Id, string Name, string Place, Guid? CompoundId, Guid? BuildingId, string? Spot, Guid? GridId,
    IReadOnlyList<CatDto> Cats, IReadOnlyList<StationDto> Stations, IReadOnlyList<ComplaintDto> Complaints);

public sealed record ColonySummaryDto(Guid Id, string Name, string Place, Guid? CompoundId, Guid? BuildingId, string? Spot, int Cats, int Stations);

/// <param name="VolunteerId">Who fed: shown to staff and the grid team, and to a caretaker for their own entries only.</param>
public sealed record FeedingDto(Guid Id, Guid StationId, DateTimeOffset FedAt, Guid? VolunteerId, string? DisplayName, string? Note);

public sealed record MyStationDto(Guid Id, string Name, Guid ColonyId, string ColonyName, DateTimeOffset? LastFedAt);

/// <summary>A cat as the public cat street shows it: no caretakers, no complaints, nobody's personal data.</summary>
public sealed record PublicCatDto(Guid Id, string Name, string? Description, string? PhotoRef, string Sex, bool Neutered, bool EarTipped, bool Vaccinated);

/// <param name="BuildingNumber">The building's number, for a colony by a building.</param>
/// <param name="Adopted">How many of its cats have found a home.</param>
public sealed record PublicColonyDto(
    Guid Id, string Name, string Place, string? CompoundName, string? BuildingNumber, string? Spot, int FeedingStations, int Adopted,
    IReadOnlyList<PublicCatDto> Cats);

public sealed record CatStreetDto(IReadOnlyList<PublicColonyDto> Colonies);

/// <param name="Month">yyyy-MM, a month in Asia/Shanghai.</param>
/// <param name="Complaints">Stray-animals requests reported in the month (merged duplicates left out).</param>
/// <param name="Cats">Cats in the colony (or colonies) at the month's end — now, for the current month.</param>
/// <param name="NeuteredShare">Of those, the share neutered by then, to four places; null when there were no cats.</param>
/// <param name="Adopted">Cats adopted in the month.</param>
public sealed record CatMonthDto(string Month, int Complaints, int Cats, int Neutered, double? NeuteredShare, int Adopted);

/// <param name="Direction"><c>falling</c>, <c>rising</c> or <c>flat</c>: complaints in the last month against the first.</param>
public sealed record NuisanceTrendDto(string Direction, int FirstMonthComplaints, int LastMonthComplaints);

/// <param name="ColonyId">Null: the neighbourhood, where complaints are every stray-animals request, linked to a colony or not.</param>
public sealed record CatReportDto(Guid? ColonyId, string From, string To, DateTimeOffset AsOf, IReadOnlyList<CatMonthDto> Months, NuisanceTrendDto Trend);
