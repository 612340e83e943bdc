using System.Net.Sockets;
using System.Text.Json;
using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Community.Unit.Tests.Platform;

public sealed class HealthResponseTests
{
    [Fact]
    public async Task Each_dependency_reports_its_own_status_and_a_failing_one_without_words_says_what_failed()
    {
        var refused = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new SocketException((int)SocketError.ConnectionRefused));
        var report = new HealthReport(new Dictionary<string, HealthReportEntry>
        {
            ["GridDbContext"] = new(HealthStatus.Unhealthy, null, TimeSpan.FromMilliseconds(3), refused, null),
            ["outbox"] = new(HealthStatus.Degraded, "Outbox stuck: 2 event(s) unpublished", TimeSpan.Zero, null, null),
            ["masstransit-bus"] = new(HealthStatus.Healthy, "Ready", TimeSpan.Zero, null, null),
        }, TimeSpan.FromMilliseconds(3));
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await HealthResponse.WriteAsync(context, report);

        context.Response.Body.Position = 0;
        var body = JsonDocument.Parse(context.Response.Body).RootElement;
        var checks = body.GetProperty("checks");
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("GridDbContext").GetProperty("status").GetString());
        Assert.Equal(refused.GetBaseException().Message, checks.GetProperty("GridDbContext").GetProperty("description").GetString());
        Assert.Equal("Outbox stuck: 2 event(s) unpublished", checks.GetProperty("outbox").GetProperty("description").GetString());
        Assert.Equal("Ready", checks.GetProperty("masstransit-bus").GetProperty("description").GetString());
        Assert.DoesNotContain("   at ", body.GetRawText());
    }
}
