using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Community.Messaging.Telemetry;

/// <summary>
/// The neighbourhood's own numbers, counted from the events a service commits: a registration confirmed is counted
/// when (and only when) the transaction that confirmed it and wrote <c>RegistrationConfirmed</c> to the outbox commits,
/// so a rolled-back attempt or a retried consumer never counts twice. Each service says which of its events count
/// as what (<see cref="EventMetricsOptions"/>); the meter is <c>Community.{Service}</c>.
/// </summary>
public sealed class EventMetrics
{
    private readonly Dictionary<Type, List<Action<object>>> _recorders = [];

    public EventMetrics(IMeterFactory meters, MessagingService service, IOptions<EventMetricsOptions> options)
    {
        var definitions = options.Value.Definitions;
        if (definitions.Count == 0)
        {
            return;
        }

        var meter = meters.Create($"Community.{char.ToUpperInvariant(service.Name[0])}{service.Name[1..]}");
        var serviceTag = new KeyValuePair<string, object?>("service", service.Name);
        var counters = new Dictionary<string, Counter<long>>(StringComparer.Ordinal);
        var sums = new Dictionary<string, Counter<double>>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            Action<object> record;
            if (definition.Amount is { } amount)
            {
                if (!sums.TryGetValue(definition.Name, out var sum))
                {
                    sums[definition.Name] = sum = meter.CreateCounter<double>(definition.Name, definition.Unit, definition.Description);
                }

                record = e => sum.Add(amount(e), Tags(serviceTag, definition, e));
            }
            else
            {
                if (!counters.TryGetValue(definition.Name, out var counter))
                {
                    counters[definition.Name] = counter = meter.CreateCounter<long>(definition.Name, definition.Unit, definition.Description);
                }

                record = e => counter.Add(1, Tags(serviceTag, definition, e));
            }

            if (!_recorders.TryGetValue(definition.EventType, out var list))
            {
                _recorders[definition.EventType] = list = [];
            }

            list.Add(e =>
            {
                if (definition.When?.Invoke(e) ?? true)
                {
                    record(e);
                }
            });
        }
    }

    /// <summary>Counts events whose transaction committed.</summary>
    public void Committed(IEnumerable<object> events)
    {
        foreach (var e in events)
        {
            if (_recorders.TryGetValue(e.GetType(), out var recorders))
            {
                foreach (var record in recorders)
                {
                    record(e);
                }
            }
        }
    }

    private static ReadOnlySpan<KeyValuePair<string, object?>> Tags(KeyValuePair<string, object?> service, EventMetricDefinition definition, object e) =>
        definition.Attribute is { } attribute
            ? new[] { service, new KeyValuePair<string, object?>(attribute.Name, attribute.Value(e)) }
            : new[] { service };
}

/// <summary>Which committed events count as which metric, per service.</summary>
public sealed class EventMetricsOptions
{
    internal List<EventMetricDefinition> Definitions { get; } = [];

    /// <summary>Adds one to <paramref name="name"/> for every committed <typeparamref name="TEvent"/> (that matches <paramref name="when"/>).</summary>
    /// <param name="attribute">At most one small, bounded attribute (a category, a level) — never a person's id.</param>
    public EventMetricsOptions Count<TEvent>(string name, string unit, string description,
        Func<TEvent, bool>? when = null, (string Name, Func<TEvent, string> Value)? attribute = null)
    {
        Definitions.Add(new EventMetricDefinition(typeof(TEvent), name, unit, description,
            when is null ? null : e => when((TEvent)e), null, Attribute(attribute)));
        return this;
    }

    /// <summary>Adds <paramref name="amount"/> of every committed <typeparamref name="TEvent"/> to <paramref name="name"/> (hours credited).</summary>
    public EventMetricsOptions Sum<TEvent>(string name, string unit, string description, Func<TEvent, double> amount,
        (string Name, Func<TEvent, string> Value)? attribute = null)
    {
        Definitions.Add(new EventMetricDefinition(typeof(TEvent), name, unit, description, null, e => amount((TEvent)e), Attribute(attribute)));
        return this;
    }

    private static (string Name, Func<object, object?> Value)? Attribute<TEvent>((string Name, Func<TEvent, string> Value)? attribute) =>
        attribute is { } a ? (a.Name, e => a.Value((TEvent)e)) : null;
}

internal sealed record EventMetricDefinition(
    Type EventType, string Name, string Unit, string Description,
    Func<object, bool>? When, Func<object, double>? Amount, (string Name, Func<object, object?> Value)? Attribute);
