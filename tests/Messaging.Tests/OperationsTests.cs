using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Messaging.Operations;
using Community.Services.Grid.Data;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using RabbitMQ.Client;

namespace Community.Messaging.Tests;

/// <summary>
/// What an operator sees and does: the event-flow metrics read as an exporter reads them, /health with the broker
/// gone, and the /ops actions the dashboard's commands call — against real PostgreSQL and RabbitMQ.
/// </summary>
public sealed class OperationsTests
{
    private const string Key = "test-operations-key";
    private const string GridQueue = "grid-volunteer-registered";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Operations:Key"] = Key,
        ["Messaging:Monitor:OutboxEvery"] = "00:00:00.500",
        ["Messaging:Monitor:ErrorQueuesEvery"] = "00:00:00.500",
        ["Messaging:Monitor:OutboxStuckAfter"] = "00:00:02",
    };

    [Fact]
    public async Task A_consumer_failing_on_every_retry_is_counted_parked_in_error_and_moved_back_once_fixed_applying_once()
    {
        var infrastructure = await SharedInfrastructure.GetAsync();
        var broker = await infrastructure.RabbitMq.NewVirtualHostAsync();
        await using var flow = await VolunteerFlow.StartAsync(infrastructure.Postgres, broker, Settings);
        using var volunteersMetrics = new MetricReader(flow.Volunteers.Services);
        using var gridMetrics = new MetricReader(flow.Grid.Services);

        // A healthy flow first: published, confirmed, consumed once.
        var first = await flow.RegisterAsync("先登记的");
        await Eventually.True(() => flow.GridKnowsAsync(first.Id), TimeSpan.FromSeconds(30), "Grid to learn of the first volunteer");
        await Eventually.True(() => Task.FromResult(gridMetrics.Sum("community.consumer.messages", ("consumer", "VolunteerRegisteredConsumer")) >= 1),
            TimeSpan.FromSeconds(10), "the consumer's message to be counted");
        Assert.True(volunteersMetrics.Sum("community.outbox.publish.attempts", ("service", "volunteers"), ("event_type", "VolunteerRegistered")) >= 1);
        Assert.Equal(0, volunteersMetrics.Sum("community.outbox.publish.failures", ("service", "volunteers")));
        Assert.Equal(0, gridMetrics.Sum("community.consumer.failures", ("consumer", "VolunteerRegisteredConsumer")));

        // Grid's database now refuses new volunteers: the consumer fails every retry and the message is parked.
        await ExecuteAsync(flow.Grid.DatabaseConnectionString, """
            CREATE FUNCTION refuse_volunteer() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
            CREATE TRIGGER refuse_volunteer BEFORE INSERT ON known_volunteers FOR EACH ROW EXECUTE FUNCTION refuse_volunteer();
            """);
        var second = await flow.RegisterAsync("被拒的");
        var ops = OpsClient(flow.Grid);
        var parked = await Eventually.Get(async () =>
        {
            var queues = await ops.GetFromJsonAsync<List<ErrorQueueResult>>("/ops/error-queues");
            return queues!.Single(q => q.Queue == GridQueue) is { Messages: > 0 } q ? q : null;
        }, TimeSpan.FromSeconds(30), "the message to be parked in the error queue");
        Assert.Equal(1u, parked.Messages);
        // Every attempt failed and was counted: the first and each retry, no more.
        var attempts = 1 + flow.Grid.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.EffectiveRetryIntervalsMs.Length;
        Assert.Equal(attempts, gridMetrics.Sum("community.consumer.failures", ("consumer", "VolunteerRegisteredConsumer")));
        Assert.Equal(1, gridMetrics.Sum("community.consumer.messages", ("consumer", "VolunteerRegisteredConsumer")));
        Assert.True(gridMetrics.Count("community.consumer.duration", ("consumer", "VolunteerRegisteredConsumer")) >= attempts + 1,
            "the handling time of every attempt is measured");
        Assert.True(volunteersMetrics.Count("community.outbox.publish.duration", ("service", "volunteers")) >= 2, "each publish is timed");
        await Eventually.True(() => Task.FromResult(gridMetrics.Observe("community.error_queue.messages", ("messaging.destination.name", GridQueue + "_error")) == 1),
            TimeSpan.FromSeconds(10), "the error queue gauge to read 1");
        Assert.False(await flow.GridKnowsAsync(second.Id));

        // Health says where the parked message is, and stays healthy: the service works, one message waits for a person.
        var health = await HealthAsync(flow.Grid);
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("consumer-queues").GetProperty("status").GetString());
        Assert.Contains(GridQueue + "_error (1)", health.GetProperty("checks").GetProperty("consumer-queues").GetProperty("description").GetString());

        // The same message parked twice (a redelivery that failed as well): both go back, and the inbox applies it once.
        await CopyParkedMessageAsync(infrastructure.RabbitMq, broker, GridQueue + "_error");

        // Fixed; the operator moves the messages back: applied once, the copy skipped, the error queue empty.
        await ExecuteAsync(flow.Grid.DatabaseConnectionString, "DROP TRIGGER refuse_volunteer ON known_volunteers;");
        var response = await ops.PostAsync($"/ops/error-queues/requeue?queue={GridQueue}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<RequeueResult>())!.Moved);
        await Eventually.True(() => flow.GridKnowsAsync(second.Id), TimeSpan.FromSeconds(30), "Grid to apply the moved-back message");
        // The copy changes nothing: the consumer takes volunteers in batches, so the copy is either skipped by the inbox
        // (and counted as a duplicate) in a batch of its own, or folded into its twin by MassTransit in the same batch.
        await Eventually.True(() => Task.FromResult(gridMetrics.Sum("community.consumer.messages", ("consumer", "VolunteerRegisteredConsumer")) == 2),
            TimeSpan.FromSeconds(10), "the moved-back message to be applied");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, gridMetrics.Sum("community.consumer.messages", ("consumer", "VolunteerRegisteredConsumer")));
        Assert.InRange(gridMetrics.Sum("community.consumer.duplicates", ("consumer", "VolunteerRegisteredConsumer")), 0, 1);
        Assert.Equal(attempts, gridMetrics.Sum("community.consumer.failures", ("consumer", "VolunteerRegisteredConsumer")));

        var queuesAfter = await ops.GetFromJsonAsync<List<ErrorQueueResult>>("/ops/error-queues");
        Assert.Equal(0u, queuesAfter!.Single(q => q.Queue == GridQueue).Messages);
        var (inbox, rows) = await flow.Grid.WithScope(async services =>
        {
            var db = services.GetRequiredService<GridDbContext>();
            return (await db.InboxMessages.CountAsync(m => m.Consumer == "VolunteerRegisteredConsumer"),
                await db.KnownVolunteers.CountAsync(v => v.VolunteerId == second.Id));
        });
        Assert.Equal(2, inbox);
        Assert.Equal(1, rows);

        // Moving back again finds nothing, and an unknown queue is a clear 404.
        Assert.Equal(0, (await (await ops.PostAsync("/ops/error-queues/requeue", null)).Content.ReadFromJsonAsync<RequeueResult>())!.Moved);
        var unknown = await ops.PostAsync("/ops/error-queues/requeue?queue=grid-nothing", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task With_the_broker_down_the_backlog_is_measured_health_says_why_and_publish_now_drains_it_when_it_is_back()
    {
        var postgres = (await SharedInfrastructure.GetAsync()).Postgres;
        await using var rabbit = await RabbitMqNode.StartAsync();
        await using var flow = await VolunteerFlow.StartAsync(postgres, rabbit.ConnectionString, Settings);
        using var metrics = new MetricReader(flow.Volunteers.Services);
        var ops = OpsClient(flow.Volunteers);

        rabbit.Stop();
        var during = await flow.RegisterAsync("停电中");
        await flow.RegisterAsync("也在停电中");

        // The gauges see the two waiting events and their age; the publish failures are counted.
        await Eventually.True(() => Task.FromResult(metrics.Observe("community.outbox.pending", ("service", "volunteers")) == 2),
            TimeSpan.FromSeconds(15), "the pending gauge to read 2");
        await Eventually.True(() => Task.FromResult(metrics.Sum("community.outbox.publish.failures", ("service", "volunteers")) >= 1),
            TimeSpan.FromSeconds(30), "a failed publish to be counted");

        // Health: the outbox is stuck past its threshold (Degraded, with the reason), and the broker is unreachable.
        var health = await Eventually.Get(async () =>
        {
            var json = await HealthAsync(flow.Volunteers);
            return json.GetProperty("checks").GetProperty("outbox").GetProperty("status").GetString() == "Degraded" ? json : (JsonElement?)null;
        }, TimeSpan.FromSeconds(20), "the outbox check to report Degraded");
        var checks = health!.Value.GetProperty("checks");
        Assert.Contains("Outbox stuck: 2 event(s) unpublished", checks.GetProperty("outbox").GetProperty("description").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("consumer-queues").GetProperty("status").GetString());
        Assert.Contains("broker cannot be reached", checks.GetProperty("consumer-queues").GetProperty("description").GetString());
        Assert.Equal("Unhealthy", health.Value.GetProperty("status").GetString());
        Assert.True(metrics.Observe("community.outbox.oldest_pending.age", ("service", "volunteers")) >= 2);

        // The backlog by type, as the dashboard's command shows it. A failed attempt is written on the rows when the
        // relay's batch ends, which can be after the failure was counted (another row of the batch may still be
        // waiting out its publish timeout).
        var backlog = await Eventually.Get(async () =>
        {
            var now = (await ops.GetFromJsonAsync<BacklogResult>("/ops/outbox/backlog"))!;
            return now.ByType.Any(t => t.Failing > 0) ? now : null;
        }, TimeSpan.FromSeconds(30), "a failed attempt to be written on the waiting rows");
        Assert.Equal(2, backlog.Pending);
        var registered = Assert.Single(backlog.ByType);
        Assert.Equal("VolunteerRegistered", registered.EventType);
        Assert.InRange(registered.Failing, 1, 2);

        // Back: "publish pending events now" makes the backed-off rows due at once and Grid receives them.
        await rabbit.StartAgainAsync();
        await Eventually.True(async () => (await ops.PostAsync("/ops/outbox/publish", null)).IsSuccessStatusCode &&
            await flow.GridKnowsAsync(during.Id), TimeSpan.FromSeconds(60), "the backlog to drain once the broker is back");
        await Eventually.True(async () => (await ops.GetFromJsonAsync<BacklogResult>("/ops/outbox/backlog"))!.Pending == 0,
            TimeSpan.FromSeconds(30), "the outbox to be empty");
        await Eventually.True(async () => (await HealthAsync(flow.Volunteers)).GetProperty("status").GetString() == "Healthy",
            TimeSpan.FromSeconds(60), "the service to report healthy again");
    }

    [Fact]
    public async Task Operations_endpoints_refuse_a_caller_without_the_key_and_do_not_exist_without_one_configured()
    {
        var infrastructure = await SharedInfrastructure.GetAsync();
        var broker = await infrastructure.RabbitMq.NewVirtualHostAsync();
        await using var withKey = new ServiceHost<GridDbContext>("griddb", infrastructure.Postgres.NewDatabase("grid"), broker, Settings);
        await withKey.StartAsync();
        using var anonymous = withKey.CreateClient();
        var refused = await anonymous.PostAsync("/ops/outbox/publish", null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var wrong = withKey.CreateClient();
        wrong.DefaultRequestHeaders.Add(OperationsAccess.Header, "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/ops/outbox/backlog")).StatusCode);

        await using var withoutKey = new ServiceHost<GridDbContext>("griddb", infrastructure.Postgres.NewDatabase("grid"), broker);
        await withoutKey.StartAsync();
        using var client = withoutKey.CreateClient();
        client.DefaultRequestHeaders.Add(OperationsAccess.Header, "");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ops/outbox/backlog")).StatusCode);
    }

    /// <summary>Puts a second copy (same message id, body and headers) of the one message in an error queue beside it.</summary>
    private static async Task CopyParkedMessageAsync(RabbitMqNode node, string broker, string errorQueue)
    {
        await using var connection = await node.Connect(broker);
        await using var channel = await connection.CreateChannelAsync();
        var message = await channel.BasicGetAsync(errorQueue, autoAck: false);
        Assert.NotNull(message);
        await channel.BasicPublishAsync(string.Empty, errorQueue, mandatory: true, new BasicProperties(message.BasicProperties), message.Body.ToArray());
        await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true);
        await Eventually.True(async () => (await channel.QueueDeclarePassiveAsync(errorQueue)).MessageCount == 2,
            TimeSpan.FromSeconds(10), "both copies to wait in the error queue");
    }

    private static HttpClient OpsClient<T>(ServiceHost<T> host) where T : class
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add(OperationsAccess.Header, Key);
        client.DefaultRequestHeaders.Add(OperationsAccess.ByHeader, "the operations test");
        return client;
    }

    private static async Task<JsonElement> HealthAsync<T>(ServiceHost<T> host) where T : class
    {
        using var client = host.CreateClient();
        var response = await client.GetAsync("/health");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
