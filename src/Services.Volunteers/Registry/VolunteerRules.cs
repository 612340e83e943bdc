namespace Community.Services.Volunteers.Registry;

public static class VolunteerRules
{
    public const int MaxNameLength = 50;
    public const int MaxWorkUnitLength = 100;
    public const int MaxSkills = 20;

    /// <summary>The unique index that keeps an account linked to at most one volunteer record.</summary>
    public const string OneRecordPerAccountIndex = "ux_volunteers_account_id";

    /// <summary>Under this age a volunteer needs a guardian's recorded consent.</summary>
    public const int ChildUnderAge = 14;

    /// <summary>From this age a volunteer may supervise children on a shift (and be a guardian).</summary>
    public const int AdultFromAge = 18;

    /// <summary>A child needs a guardian's consent; someone who gave no birth date is not a child.</summary>
    public static bool IsMinor(DateOnly? birthDate, DateOnly today) => birthDate is { } born && born.AddYears(ChildUnderAge) > today;

    /// <summary>May be a guardian; someone who gave no birth date counts as an adult (a kind a child could be needs one).</summary>
    public static bool IsAdult(DateOnly? birthDate, DateOnly today) => birthDate is not { } born || born.AddYears(AdultFromAge) <= today;

    /// <summary>An adult by a recorded birth date — the only kind of adult who may be marked to supervise children.</summary>
    public static bool IsKnownAdult(DateOnly? birthDate, DateOnly today) => birthDate is { } born && born.AddYears(AdultFromAge) <= today;

    /// <summary>
    /// The kinds a child or teenager could be registered as; a birth date is required for them, so that whether a
    /// person is a minor is decided by their age, never by the kind someone chose (a child registered as a resident
    /// volunteer without a birth date would have passed as an adult).
    /// </summary>
    public static bool AdmitsChildren(VolunteerKind kind) => kind is VolunteerKind.YoungPioneer or VolunteerKind.LeagueMember
        or VolunteerKind.YouthCouncilMember or VolunteerKind.ResidentVolunteer;

    /// <summary>In-service Party members report to the community where they live, so their work unit is required.</summary>
    public static bool LacksWorkUnit(VolunteerKind kind, string? workUnit) =>
        kind == VolunteerKind.InServicePartyMember && string.IsNullOrWhiteSpace(workUnit);
}
