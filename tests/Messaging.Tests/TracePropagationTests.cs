using System.Collections.Concurrent;
using System.Diagnostics;
using Community.ServiceDefaults.Auth;
using Community.Testing;

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

        await Eventually.True(() => Task.FromResult(seen.Any(a => a.Kind == ActivityKind.Consumer)),
            TimeSpan.FromSeconds(10), "the consumer's span in the request's trace");
        Assert.Contains(seen, a => a.Source.Name == "Community.Messaging.Outbox");
        Assert.Contains(seen, a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Producer);
    }
}
