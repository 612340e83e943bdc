namespace Community.Services.Activities.Series;

/// <summary>Who an activity is for, and who may register for it.</summary>
public static class Audiences
{
    public const string Everyone = "everyone";
    public const string Elderly = "elderly";
    public const string Youth = "youth";
    public const string Veterans = "veterans";
    public const string PartyMembers = "party-members";
    public const string ChildrenWithGuardian = "children-with-guardian";

    public const int ElderlyFromAge = 60;
    public const int YouthFromAge = 14;
    public const int YouthToAge = 35;
    public const int ChildUnderAge = 14;

    public static readonly IReadOnlySet<string> All = new SortedSet<string>(StringComparer.Ordinal)
    {
        Everyone, Elderly, Youth, Veterans, PartyMembers, ChildrenWithGuardian,
    };
}
