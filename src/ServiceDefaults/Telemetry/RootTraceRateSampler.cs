using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Community.ServiceDefaults.Telemetry;

/// <summary>
/// Starts at most <c>perSecond</c> new traces a second (a token bucket holding a second's worth), and drops the rest
/// of the roots: a request, a consumed message or a published event nobody traced before. Used under
/// <see cref="ParentBasedSampler"/>, so a trace is kept or dropped whole, in every service it passes through.
/// <para>
/// At an ordinary pace every trace is kept. In a storm (2,000 registrations at 9:00, 10,000 completed sessions
/// credited at once) an operator still sees a steady sample of every kind of work, the dashboard is not flooded, and
/// the storm's CPU is not spent recording every span (about 15 % of its time in one measurement). Logs keep the trace
/// id of every message, sampled or not.
/// </para>
/// </summary>
public sealed class RootTraceRateSampler : Sampler
{
    private readonly double _perSecond;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _filledAt;

    public RootTraceRateSampler(double perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perSecond);
        if (!double.IsFinite(perSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(perSecond), perSecond, "A rate must be a finite number of traces a second.");
        }

        _perSecond = perSecond;
        _time = time;
        _tokens = perSecond;
        _filledAt = time.GetTimestamp();
        Description = $"RootTraceRateSampler{{{perSecond}/s}}";
    }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_perSecond, _tokens + _time.GetElapsedTime(_filledAt, now).TotalSeconds * _perSecond);
            _filledAt = now;
            if (_tokens < 1)
            {
                return new SamplingResult(SamplingDecision.Drop);
            }

            _tokens -= 1;
            return new SamplingResult(SamplingDecision.RecordAndSample);
        }
    }

    /// <summary>Every trace continued as its parent decided; new ones at most <paramref name="perSecond"/> a second.</summary>
    public static Sampler ParentBased(double perSecond, TimeProvider time) =>
        new ParentBasedSampler(new RootTraceRateSampler(perSecond, time));
}
