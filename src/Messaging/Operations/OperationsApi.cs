using Community.Messaging.Broker;
using Community.Messaging.Outbox;
using Community.Messaging.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Community.Messaging.Operations;

/// <summary>
/// The few actions ops take on a service's event flow, called by the dashboard's resource commands: wake the outbox
/// relay (and retry failed rows now), show the backlog by event type, list and re-queue <c>_error</c> messages.
/// Each action is logged with who and how many.
/// </summary>
public static partial class OperationsApi
{
    public const string Prefix = "/ops";

    public static IEndpointRouteBuilder MapMessagingOperations(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup(Prefix).AllowAnonymous().ExcludeFromDescription().AddEndpointFilter<OperationsAccess>();
        ops.MapPost("/outbox/publish", PublishNowAsync);
        ops.MapGet("/outbox/backlog", BacklogAsync);
        ops.MapGet("/error-queues", ErrorQueuesAsync);
        ops.MapPost("/error-queues/requeue", RequeueAsync);
        return app;
    }

    /// <summary>Makes every pending row due now and wakes the relay: after an outage, nobody waits for the back-off.</summary>
    private static async Task<Ok<PublishNowResult>> PublishNowAsync(
        IMessagingDbContext db, OutboxSignal signal, TimeProvider time, HttpContext http, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var madeDue = await db.OutboxMessages.Where(m => m.PublishedAt == null && m.NextAttemptAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        var pending = await db.OutboxMessages.LongCountAsync(m => m.PublishedAt == null, cancellationToken);
        signal.Notify();
        LogPublishNow(Logger(loggers), OperationsAccess.By(http), pending, madeDue);
        return TypedResults.Ok(new PublishNowResult(pending, madeDue));
    }

    private static async Task<Ok<BacklogResult>> BacklogAsync(
        IMessagingDbContext db, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var byType = await OutboxBacklog.ByTypeAsync(db, time.GetUtcNow(), cancellationToken);
        var result = new BacklogResult(byType.Sum(t => t.Pending), byType.Select(t => t.OldestAge).DefaultIfEmpty().Max(), byType);
        LogBacklog(Logger(loggers), result.Pending,
            result.Pending == 0 ? "nothing waits" : string.Join(", ", byType.Select(t => $"{t.EventType} {t.Pending}" + (t.Failing > 0 ? $" ({t.Failing} failing)" : ""))),
            result.OldestAge.TotalSeconds);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<IReadOnlyList<ErrorQueueResult>>, ProblemHttpResult>> ErrorQueuesAsync(
        ConsumerQueues queues, BrokerInspector broker, CancellationToken cancellationToken)
    {
        try
        {
            return await ListErrorQueuesAsync(queues, broker, cancellationToken);
        }
        catch (Exception ex) when (IsBrokerUnreachable(ex))
        {
            return BrokerUnavailable(ex);
        }
    }

    private static async Task<Ok<IReadOnlyList<ErrorQueueResult>>> ListErrorQueuesAsync(
        ConsumerQueues queues, BrokerInspector broker, CancellationToken cancellationToken)
    {
        var states = await broker.InspectAsync(queues.Names.Select(ConsumerQueues.ErrorQueueOf), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ErrorQueueResult>>(queues.Names
            .Select(queue => new ErrorQueueResult(queue, ConsumerQueues.ErrorQueueOf(queue), states[ConsumerQueues.ErrorQueueOf(queue)]?.Messages ?? 0))
            .ToList());
    }

    /// <summary>Moves the <c>_error</c> messages of one consumer's queue (<c>?queue=</c>), or of every consumer, back to be consumed again.</summary>
    private static async Task<Results<Ok<RequeueResult>, ProblemHttpResult>> RequeueAsync(
        string? queue, ConsumerQueues queues, BrokerInspector broker, HttpContext http, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> chosen;
        if (string.IsNullOrWhiteSpace(queue) || queue.Trim() == "all")
        {
            chosen = queues.Names;
        }
        else
        {
            var name = queue.Trim();
            name = name.EndsWith(ConsumerQueues.ErrorSuffix, StringComparison.Ordinal) ? name[..^ConsumerQueues.ErrorSuffix.Length] : name;
            if (!queues.Contains(name))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such consumer queue",
                    detail: $"'{queue}' is not one of this service's consumer queues: {string.Join(", ", queues.Names)}.");
            }

            chosen = [name];
        }

        var logger = Logger(loggers);
        var by = OperationsAccess.By(http);
        var moved = new List<RequeuedQueue>();
        foreach (var name in chosen)
        {
            int count;
            try
            {
                count = await broker.RequeueErrorsAsync(name, cancellationToken);
            }
            catch (Exception ex) when (IsBrokerUnreachable(ex))
            {
                return BrokerUnavailable(ex);
            }

            LogRequeued(logger, by, count, ConsumerQueues.ErrorQueueOf(name), name);

            moved.Add(new RequeuedQueue(name, count));
        }

        return TypedResults.Ok(new RequeueResult(moved.Sum(m => m.Moved), moved));
    }

    private static bool IsBrokerUnreachable(Exception ex) =>
        ex is RabbitMQ.Client.Exceptions.RabbitMQClientException or IOException or System.Net.Sockets.SocketException;

    private static ProblemHttpResult BrokerUnavailable(Exception ex) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, title: "The broker cannot be reached",
        detail: $"RabbitMQ did not answer ({ex.Message}); the _error queues cannot be read or moved until it does.");

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger("Community.Messaging.Operations");

    [LoggerMessage(Level = LogLevel.Information, Message = "Operations: {By} asked to publish pending events now: {Pending} pending, {MadeDue} waiting for a retry made due now.")]
    private static partial void LogPublishNow(ILogger logger, string by, long pending, int madeDue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox backlog: {Pending} pending — {ByType}; the oldest waited {OldestSeconds:0} s.")]
    private static partial void LogBacklog(ILogger logger, long pending, string byType, double oldestSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operations: {By} moved {Count} message(s) from {ErrorQueue} back to {Queue}.")]
    private static partial void LogRequeued(ILogger logger, string by, int count, string errorQueue, string queue);
}

public sealed record PublishNowResult(long Pending, int MadeDue);

public sealed record BacklogResult(long Pending, TimeSpan OldestAge, IReadOnlyList<BacklogByType> ByType);

public sealed record ErrorQueueResult(string Queue, string ErrorQueue, uint Messages);

public sealed record RequeueResult(int Moved, IReadOnlyList<RequeuedQueue> Queues);

public sealed record RequeuedQueue(string Queue, int Moved);
