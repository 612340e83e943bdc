namespace Community.Services.Volunteers.Opportunities;

/// <summary>
/// Children on a shift need adult supervisors: at most <see cref="SupervisionOptions.ChildrenPerAdult"/> children
/// per adult. Only a child joining or an adult leaving can break it, so the roster asks before either.
/// </summary>
public static class SupervisionRatio
{
    public static bool IsKept(int children, int adults, int childrenPerAdult) => children <= adults * childrenPerAdult;
}
