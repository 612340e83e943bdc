using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Community.ServiceDefaults.Http;

/// <summary>Writes each health check's status so an operator sees which dependency is failing.</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = Reason(e.Value) }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }

    /// <summary>
    /// The check's own words, else what failed (a database check that cannot connect says nothing itself): the
    /// innermost exception's message, which names the host or the refusal, never a stack trace.
    /// </summary>
    private static string? Reason(HealthReportEntry entry)
    {
        if (entry.Description is { Length: > 0 } description || entry.Exception is not { } exception)
        {
            return entry.Description;
        }

        return exception.GetBaseException().Message;
    }
}
