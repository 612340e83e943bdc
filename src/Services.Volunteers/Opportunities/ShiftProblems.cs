using Community.ServiceDefaults.Http;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>The problem types a refused sign-up or completion names.</summary>
public static class ShiftProblems
{
    public const string Full = ProblemTypes.Base + "shift-full";
    public const string Overlap = ProblemTypes.Base + "shift-overlap";
    public const string Closed = ProblemTypes.Base + "shift-closed";
}
