using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>The problems a shift's endpoints answer with: a missing shift, and why a sign-up or completion was refused.</summary>
public static class ShiftProblems
{
    public const string Full = ProblemTypes.Base + "shift-full";
    public const string Overlap = ProblemTypes.Base + "shift-overlap";
    public const string Closed = ProblemTypes.Base + "shift-closed";

    public static ProblemDetails NoSuchShift(Guid id) => Problems.NotFound("No such shift.", $"There is no shift {id}.");
}
