using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Community.ServiceDefaults.Http;

/// <summary>
/// Endpoints answer refusals with typed results (<c>TypedResults.NotFound(problem)</c>, <c>Conflict(problem)</c>)
/// so their OpenAPI documents tell the truth; written as they are, those go out as plain JSON without the
/// trace id. This filter sends every such problem through <see cref="IProblemDetailsService"/> instead:
/// <c>application/problem+json</c> with <c>instance</c> and <c>traceId</c>, like the framework's own errors.
/// </summary>
public sealed class ProblemResultsFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var inner = result is INestedHttpResult nested ? nested.Result : result as IResult;
        if (inner is IValueHttpResult { Value: ProblemDetails problem } and IStatusCodeHttpResult { StatusCode: { } status }
            and not ProblemHttpResult and not ValidationProblem)
        {
            problem.Status ??= status;
            return TypedResults.Problem(problem);
        }

        return result;
    }
}

public static class ProblemResultsExtensions
{
    /// <summary>
    /// The root every service maps its feature endpoints under: problems go out as problem details, and every input
    /// is within <see cref="InputBounds"/> before the endpoint runs.
    /// </summary>
    public static RouteGroupBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("");
        api.AddEndpointFilter<ProblemResultsFilter>();
        api.WithInputBounds();
        return api;
    }
}
