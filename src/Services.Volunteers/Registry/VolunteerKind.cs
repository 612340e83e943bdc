namespace Community.Services.Volunteers.Registry;

/// <summary>The kinds of volunteer the neighbourhood works with (see domain.md).</summary>
public enum VolunteerKind
{
    PartyMember,
    InServicePartyMember,
    LeagueMember,
    YouthCouncilMember,
    FullTimeMother,
    YoungPioneer,
    ResidentVolunteer,
    PartnerStaff,
}

public static class VolunteerKinds
{
    private static readonly Dictionary<string, VolunteerKind> ByCode = new(StringComparer.Ordinal)
    {
        ["party-member"] = VolunteerKind.PartyMember,
        ["in-service-party-member"] = VolunteerKind.InServicePartyMember,
        ["league-member"] = VolunteerKind.LeagueMember,
        ["youth-council-member"] = VolunteerKind.YouthCouncilMember,
        ["full-time-mother"] = VolunteerKind.FullTimeMother,
        ["young-pioneer"] = VolunteerKind.YoungPioneer,
        ["resident-volunteer"] = VolunteerKind.ResidentVolunteer,
        ["partner-staff"] = VolunteerKind.PartnerStaff,
    };

    public static IReadOnlyCollection<string> Codes => ByCode.Keys;

    public static string ToCode(this VolunteerKind kind) => ByCode.First(pair => pair.Value == kind).Key;

    public static bool TryParse(string? code, out VolunteerKind kind) => ByCode.TryGetValue(code ?? "", out kind);

    public static VolunteerKind Parse(string code) =>
        TryParse(code, out var kind) ? kind : throw new ArgumentException($"Unknown volunteer kind '{code}'.", nameof(code));
}
