namespace Community.Services.Volunteers.Registry;

public static class VolunteerRules
{
    public const int MaxNameLength = 50;
    public const int MaxWorkUnitLength = 100;
    public const int MaxSkills = 20;
}
