using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;
using Yarp.ReverseProxy.Forwarder;

namespace Community.Gateway;

/// <summary>
/// When a service is down or too slow, YARP answers 502/504 with an empty body; clients get problem details
/// saying which service failed instead.
/// </summary>
public static partial class ForwarderProblems
{
    public static IReverseProxyApplicationBuilder UseForwarderErrorsAsProblemDetails(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            await next();

            var error = context.GetForwarderErrorFeature();
            if (error is null || context.Response.HasStarted)
            {
                return;
            }

            var cluster = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
            var timedOut = error.Error is ForwarderError.RequestTimedOut;
            var status = timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway;
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Community.Gateway");
            LogForwardFailed(logger, cluster, error.Error, error.Exception);

            context.Response.StatusCode = status;
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = status,
                    Type = timedOut ? ProblemTypes.GatewayTimeout : ProblemTypes.BadGateway,
                    Title = timedOut ? $"The {cluster} service did not answer in time." : $"The {cluster} service is not reachable.",
                    Detail = "Try again in a moment; operators can see the failure in the dashboard.",
                },
            });
        });
        return proxy;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding to {Cluster} failed: {Error}")]
    private static partial void LogForwardFailed(ILogger logger, string cluster, ForwarderError error, Exception? exception);
}
