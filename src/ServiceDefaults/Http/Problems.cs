using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Community.ServiceDefaults.Http;

/// <summary>Problem details for the errors endpoints return themselves (not thrown).</summary>
public static class Problems
{
    public static ProblemDetails NotFound(string title, string detail) =>
        new() { Title = title, Detail = detail, Status = StatusCodes.Status404NotFound, Type = ProblemTypes.NotFound };

    public static ProblemDetails Conflict(string title, string detail, string type = ProblemTypes.Conflict) =>
        new() { Title = title, Detail = detail, Status = StatusCodes.Status409Conflict, Type = type };
}
