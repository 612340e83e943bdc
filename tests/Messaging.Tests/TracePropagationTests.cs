using System.Collections.Concurrent;
using System.Diagnostics;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Messaging.Tests;

public sealed class TracePropagationTests
{
    [Fact]
    public async Task One_trace_runs_from_the_request_through_the_outbox_and_the_broker_to_the_grid_consumer()
    {
        var infrastructure = await SharedInfrastructure.GetAsync();
        await using var flow = await VolunteerFlow.StartAsync(infrastructure.Postgres, await infrastructure.RabbitMq.NewVirtualHostAsync());
        var traceId = ActivityTraceId.CreateRandom();
        var seen = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MassTransit" or "Community.Messaging.Outbox",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    seen.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var client = flow.Volunteers.ClientAs(Roles.StationStaff);
        client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var volunteer = await flow.RegisterAsync("追踪", client);
        await Eventually.True(() => flow.GridKnowsAsync(volunteer.Id), TimeSpan.FromSeconds(30), "Grid to learn of the volunteer");

        // A span is seen when it ends: the relay's ends after the broker confirms, which can be after the consumer's.
        await Eventually.True(() => Task.FromResult(seen.Any(a => a.Kind == ActivityKind.Consumer)),
            TimeSpan.FromSeconds(10), "the consumer's span in the request's trace");
        await Eventually.True(() => Task.FromResult(seen.Any(a => a.Source.Name == "Community.Messaging.Outbox")),
            TimeSpan.FromSeconds(10), "the outbox relay's span in the request's trace");
        await Eventually.True(() => Task.FromResult(seen.Any(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Producer)),
            TimeSpan.FromSeconds(10), "the publish span in the request's trace");
    }

    [Fact]
    public async Task A_query_outside_any_trace_leaves_no_trace_and_one_inside_a_trace_is_part_of_it()
    {
        var infrastructure = await SharedInfrastructure.GetAsync();
        await using var flow = await VolunteerFlow.StartAsync(infrastructure.Postgres, await infrastructure.RabbitMq.NewVirtualHostAsync());
        var probe = $"probe_{Guid.NewGuid():N}";
        var traced = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var text = activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement");
                if (text is string sql && sql.Contains(probe, StringComparison.Ordinal))
                {
                    traced.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        // As a background job polls: no request, no message, no trace around it.
        Activity.Current = null;
        await QueryAsync(flow, probe, "background");
        Assert.Empty(traced);

        // The same query inside traced work becomes a span of that trace.
        using var source = new ActivitySource("Community.Tests");
        using var work = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Community.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(work);
        using (var parent = source.StartActivity("work"))
        {
            await QueryAsync(flow, probe, "inside");
            var span = Assert.Single(traced, a => a.TraceId == parent!.TraceId);
            Assert.Equal(parent!.TraceId, span.TraceId);
        }
    }

    private static Task<int> QueryAsync(VolunteerFlow flow, string probe, string label) => flow.Grid.WithScope(async services =>
    {
        var db = services.GetRequiredService<GridDbContext>();
        // The probe is a comment the test made up (no input), so the query can name it; a parameter would not show in the text.
        var sql = "SELECT 1 AS \"Value\" /* " + probe + " " + label + " */";
        return await db.Database.SqlQueryRaw<int>(sql).SingleAsync();
    });
}
