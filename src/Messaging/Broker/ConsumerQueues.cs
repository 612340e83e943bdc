using System.Collections.Concurrent;

namespace Community.Messaging.Broker;

/// <summary>
/// The queues this service's consumers read (<c>{service}-{consumer}</c>), each with its <c>_error</c> queue,
/// as MassTransit configures them at start.
/// </summary>
public sealed class ConsumerQueues
{
    public const string ErrorSuffix = "_error";

    private readonly ConcurrentDictionary<string, byte> _names = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Names => _names.Keys.Order(StringComparer.Ordinal).ToList();

    public void Add(string queue) => _names.TryAdd(queue, 0);

    public bool Contains(string queue) => _names.ContainsKey(queue);

    public static string ErrorQueueOf(string queue) => queue + ErrorSuffix;
}

/// <summary>The last reading of each consumer's <c>_error</c> queue, for the gauge.</summary>
public sealed class ErrorQueueCounts
{
    public IReadOnlyDictionary<string, long> Latest { get; set; } = new Dictionary<string, long>();
}
