using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Community.ServiceDefaults.Http;

/// <summary>Problem details for the errors endpoints return themselves (not thrown).</summary>
public static class Problems
{
    public static ProblemDetails NotFound(string title, string detail) =>
        new() { Title = title, Detail = detail, Status = StatusCodes.Status404NotFound, Type = ProblemTypes.NotFound };

    /// <summary>A refusal that says why (a bare 403 leaves the person guessing), e.g. an on-behalf action without consent.</summary>
    public static ProblemDetails Forbidden(string title, string detail, string type = ProblemTypes.Forbidden) =>
        new() { Title = title, Detail = detail, Status = StatusCodes.Status403Forbidden, Type = type };

    public static ProblemDetails Conflict(string title, string detail, string type = ProblemTypes.Conflict) =>
        new() { Title = title, Detail = detail, Status = StatusCodes.Status409Conflict, Type = type };
}
