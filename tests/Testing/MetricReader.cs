using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Testing;

/// <summary>
/// Reads the measurements one hosted service records, as an exporter would: a <see cref="MeterListener"/> on the
/// instruments of that host's own <see cref="IMeterFactory"/> (so other hosts in the test process do not count).
/// </summary>
public sealed class MetricReader : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)> _measurements = new();

    public MetricReader(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of every measurement of <paramref name="name"/> whose tags include <paramref name="tags"/>.</summary>
    public double Sum(string name, params (string Key, object Value)[] tags) =>
        Matching(name, tags).Sum(m => m.Value);

    /// <summary>How many measurements of <paramref name="name"/> with those tags were recorded (a histogram's count).</summary>
    public int Count(string name, params (string Key, object Value)[] tags) =>
        Matching(name, tags).Count();

    /// <summary>The latest value of an observable gauge with those tags, read now; null when it reports none.</summary>
    public double? Observe(string name, params (string Key, object Value)[] tags)
    {
        var before = _measurements.Count;
        _listener.RecordObservableInstruments();
        return _measurements.Skip(before).Where(m => m.Name == name && Has(m.Tags, tags)).Select(m => (double?)m.Value).LastOrDefault();
    }

    /// <summary>Every attribute name measured so far on instruments whose name starts with <paramref name="prefix"/>.</summary>
    public IReadOnlySet<string> AttributeNames(string prefix) =>
        _measurements.Where(m => m.Name.StartsWith(prefix, StringComparison.Ordinal)).SelectMany(m => m.Tags.Keys).ToHashSet();

    private IEnumerable<(string Name, double Value, Dictionary<string, object?> Tags)> Matching(string name, (string Key, object Value)[] tags) =>
        _measurements.Where(m => m.Name == name && Has(m.Tags, tags));

    private static bool Has(Dictionary<string, object?> actual, (string Key, object Value)[] expected) =>
        expected.All(t => actual.TryGetValue(t.Key, out var value) && Equals(value, t.Value));

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }

    public void Dispose() => _listener.Dispose();
}
