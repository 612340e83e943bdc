namespace Community.Services.Volunteers.Registry;

public static class VolunteerRules
{
    public const int MaxNameLength = 50;
    public const int MaxWorkUnitLength = 100;
    public const int MaxSkills = 20;

    /// <summary>Under this age a volunteer needs a guardian's recorded consent.</summary>
    public const int ChildUnderAge = 14;

    /// <summary>From this age a volunteer may supervise children on a shift (and be a guardian).</summary>
    public const int AdultFromAge = 18;
}
