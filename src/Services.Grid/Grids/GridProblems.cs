using Community.ServiceDefaults.Http;

namespace Community.Services.Grid.Grids;

/// <summary>The grid service's own kinds of problem, each with a stable type.</summary>
public static class GridProblems
{
    public const string BuildingTaken = ProblemTypes.Base + "building-in-another-grid";
    public const string RoleTaken = ProblemTypes.Base + "team-role-taken";
    public const string IllegalTransition = ProblemTypes.Base + "illegal-status-change";
}
