using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Community.ServiceDefaults.Http;

public static class ProblemDetailsSetup
{
    /// <summary>
    /// Every error leaves as RFC 9457 problem details carrying the trace id, so a user's report can be found
    /// in the dashboard; no stack trace ever reaches a client.
    /// </summary>
    public static TBuilder AddCommunityProblemDetails<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] =
                Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            if ((context.ProblemDetails.Type is null || context.ProblemDetails.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal)) &&
                ProblemTypes.ForStatus(context.ProblemDetails.Status) is { } type)
            {
                context.ProblemDetails.Type = type;
            }
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        return builder;
    }
}

/// <summary>Malformed JSON, a missing body or an unparsable route value is the client's mistake: 400.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = bad.Message,
                Type = ProblemTypes.BadRequest,
            },
        });
    }
}

/// <summary>
/// Anything no handler claimed is our fault: 500 with a trace id and no internals. It runs after every
/// registered <see cref="IExceptionHandler"/> (services add their own, e.g. database conflicts).
/// </summary>
internal static class UnexpectedException
{
    public static async Task WriteAsync(HttpContext httpContext)
    {
        var problems = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong on our side.",
                Detail = "The error was logged; quote the trace id when you report it.",
                Type = ProblemTypes.Unexpected,
            },
        });
    }
}
