using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Community.Messaging.Broker;

/// <summary>
/// The service's own small connection to RabbitMQ for looking at its queues (a passive declare: exists? how
/// many messages? how many consumers?) and for moving messages out of an <c>_error</c> queue. Separate from
/// MassTransit's connections so an operator's action never disturbs consuming.
/// </summary>
public sealed partial class BrokerInspector(string connectionString, string serviceName, ILogger<BrokerInspector> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private IConnection? _connection;

    /// <summary>The queue's state, or null when it does not exist.</summary>
    public async Task<QueueState?> InspectAsync(string queue, CancellationToken cancellationToken) =>
        (await InspectAsync([queue], cancellationToken))[queue];

    /// <summary>Each queue's state (null when it does not exist), on one channel (a missing queue closes it: a new one follows).</summary>
    public async Task<IReadOnlyDictionary<string, QueueState?>> InspectAsync(IEnumerable<string> queues, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken);
        var states = new Dictionary<string, QueueState?>(StringComparer.Ordinal);
        IChannel? channel = null;
        try
        {
            foreach (var queue in queues)
            {
                channel ??= await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                try
                {
                    var ok = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
                    states[queue] = new QueueState(ok.MessageCount, ok.ConsumerCount);
                }
                catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
                {
                    states[queue] = null;
                    await channel.DisposeAsync();
                    channel = null;
                }
            }
        }
        finally
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }
        }

        return states;
    }

    /// <summary>
    /// Moves the messages now in <paramref name="queue"/>'s <c>_error</c> queue back to it, one at a time: each is
    /// published to the queue (its MassTransit fault headers removed), confirmed by the broker, and only then
    /// removed from the error queue. A message that fails again lands in <c>_error</c> behind the ones counted
    /// at the start, so the move ends. Consumers are idempotent: a message whose effect was applied is skipped.
    /// </summary>
    public async Task<int> RequeueErrorsAsync(string queue, CancellationToken cancellationToken)
    {
        var errorQueue = ConsumerQueues.ErrorQueueOf(queue);
        var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);

        uint waiting;
        try
        {
            waiting = (await channel.QueueDeclarePassiveAsync(errorQueue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }

        var moved = 0;
        for (var i = 0; i < waiting; i++)
        {
            var message = await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken);
            if (message is null)
            {
                break;
            }

            var properties = new BasicProperties(message.BasicProperties);
            if (properties.Headers is { } headers)
            {
                foreach (var key in headers.Keys.Where(IsFaultHeader).ToList())
                {
                    headers.Remove(key);
                }
            }

            // Default exchange, routed by queue name: the message goes to this consumer only, not to every subscriber.
            await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, message.Body.ToArray(), cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return moved;
    }

    private static bool IsFaultHeader(string key) =>
        key.StartsWith("MT-Fault-", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("MT-Reason", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("MT-Redelivery-Count", StringComparison.OrdinalIgnoreCase);

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true } open)
        {
            return open;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { IsOpen: true } again)
            {
                return again;
            }

            if (_connection is not null)
            {
                await _connection.DisposeAsync();
            }

            var factory = new ConnectionFactory
            {
                Uri = new Uri(connectionString),
                ClientProvidedName = $"{serviceName}-operations",
                RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
                AutomaticRecoveryEnabled = false,
            };
            _connection = await factory.CreateConnectionAsync(cancellationToken);
            LogConnected(serviceName);
            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connecting.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Service} opened its operations connection to the broker.")]
    private partial void LogConnected(string service);
}

public sealed record QueueState(uint Messages, uint Consumers);
