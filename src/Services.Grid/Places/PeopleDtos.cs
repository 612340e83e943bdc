using Community.ServiceDefaults.Privacy;

namespace Community.Services.Grid.Places;

public sealed record CreateHouseholdRequest(Guid? BuildingId, string? Unit);

/// <param name="MovedOutAt">Set when the household moved out: kept for the record, out of visit lists and coverage.</param>
public sealed record HouseholdDto(Guid Id, Guid BuildingId, string Unit, IReadOnlyList<ResidentDto> Residents, DateTimeOffset? MovedOutAt = null);

/// <param name="Reason">Why (moved away, passed away, record made in error): kept in the log.</param>
public sealed record MoveOutRequest(string? Reason);

/// <summary>A correction of a resident's record; what is left out stays as it is.</summary>
public sealed record CorrectResidentRequest(string? Name, int? BirthYear, string? Phone);

public sealed record SensitiveTagReadDto(string ReadBy, string Purpose, DateTimeOffset ReadAt);

public sealed record AddResidentRequest(string? Name, int? BirthYear, string? Phone, Guid? GuardianId);

/// <param name="Phone">Masked unless the caller is staff or in the resident's grid team.</param>
/// <param name="Tags">Only for staff and the resident's grid team; otherwise empty.</param>
/// <param name="HasAccount">Whether the resident's own account is linked (they can sign in and act for themselves).</param>
public sealed record ResidentDto(Guid Id, Guid HouseholdId, string Name, int BirthYear, string? Phone, Guid? GuardianId, IReadOnlyList<string> Tags, bool HasAccount,
    DateTimeOffset? MovedOutAt = null);

/// <param name="AccountId">The resident's account at the identity provider.</param>
public sealed record LinkResidentAccountRequest(Guid? AccountId);

public sealed record RecordTagRequest(string? Tag, string? Consent);

/// <summary>How a resident's record is shown: the phone masked unless the caller may see it, tags only for the team.</summary>
public static class ResidentDtos
{
    public static readonly ILookup<Guid, string> NoTags = Array.Empty<ResidentTag>().ToLookup(t => t.ResidentId, t => t.Tag);

    public static ResidentDto ToDto(Resident r, bool seesPhone, ILookup<Guid, string> tags) => new(
        r.Id, r.HouseholdId, r.Name, r.BirthYear, r.Phone is null ? null : seesPhone ? r.Phone : PhoneNumbers.Mask(r.Phone), r.GuardianId,
        tags[r.Id].Order().ToList(), r.AccountId is not null, r.MovedOutAt);
}
