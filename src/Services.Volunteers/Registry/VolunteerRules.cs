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

    /// <summary>May supervise children and be a guardian; someone who gave no birth date counts as an adult.</summary>
    public static bool IsAdult(DateOnly? birthDate, DateOnly today) => birthDate is not { } born || born.AddYears(AdultFromAge) <= today;

    /// <summary>In-service Party members report to the community where they live, so their work unit is required.</summary>
    public static bool LacksWorkUnit(VolunteerKind kind, string? workUnit) =>
        kind == VolunteerKind.InServicePartyMember && string.IsNullOrWhiteSpace(workUnit);
}
