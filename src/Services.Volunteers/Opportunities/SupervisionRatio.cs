namespace Community.Services.Volunteers.Opportunities;

/// <summary>
/// Children on a shift need adult supervisors: at most <see cref="SupervisionOptions.ChildrenPerAdult"/> children
/// per adult supervisor — an adult by birth date whom the service station marked as a supervisor (a parent along for
/// the day, or a volunteer who gave no birth date, does not count). Only a child joining or a supervisor leaving can
/// break it, so the roster asks before either.
/// </summary>
public static class SupervisionRatio
{
    public static bool IsKept(int children, int adults, int childrenPerAdult) => children <= adults * childrenPerAdult;
}
