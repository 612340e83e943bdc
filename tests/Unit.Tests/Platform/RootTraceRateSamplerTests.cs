using System.Diagnostics;
using Community.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Community.Unit.Tests.Platform;

/// <summary>
/// New traces are kept at most so many a second, through the real OpenTelemetry SDK; a trace begun elsewhere is kept
/// or dropped as its parent decided, whatever the rate.
/// </summary>
public sealed class RootTraceRateSamplerTests : IDisposable
{
    private readonly ActivitySource _source = new($"Community.Tests.Sampler.{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new();
    private readonly TracerProvider _tracing;

    public RootTraceRateSamplerTests() =>
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(_source.Name)
            .SetSampler(RootTraceRateSampler.ParentBased(5, _time))
            .Build()!;

    [Fact]
    public void A_storm_keeps_the_rate_and_the_next_second_keeps_again()
    {
        Assert.Equal(5, StartRoots(100).Count(recorded => recorded));

        _time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(2, StartRoots(10).Count(recorded => recorded));

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(5, StartRoots(10).Count(recorded => recorded)); // a quiet spell saves up one second's worth, no more
    }

    [Fact]
    public void A_trace_is_kept_or_dropped_whole()
    {
        StartRoots(5); // the bucket is empty now
        using var dropped = StartRoot();
        Assert.NotNull(dropped); // still there to carry the trace id to logs and to the next service
        Assert.False(dropped.Recorded);
        using (var child = _source.StartActivity("child of a dropped one"))
        {
            Assert.False(child?.Recorded ?? false);
        }

        var keptElsewhere = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        using var continued = _source.StartActivity("consumed message", ActivityKind.Consumer, keptElsewhere);
        Assert.True(continued?.Recorded);
        Assert.Equal(keptElsewhere.TraceId, continued!.TraceId);

        var droppedElsewhere = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);
        _time.Advance(TimeSpan.FromSeconds(1)); // the bucket is full again: the parent decides, not the rate
        using var notContinued = _source.StartActivity("consumed message", ActivityKind.Consumer, droppedElsewhere);
        Assert.False(notContinued?.Recorded ?? false);
    }

    [Fact]
    public void Zero_keeps_no_new_trace_and_a_negative_rate_is_refused()
    {
        using var source = new ActivitySource($"Community.Tests.Sampler.{Guid.NewGuid():N}");
        using var none = Sdk.CreateTracerProviderBuilder().AddSource(source.Name).SetSampler(RootTraceRateSampler.ParentBased(0, _time)).Build();
        Activity.Current = null;
        for (var i = 0; i < 3; i++)
        {
            using var root = source.StartActivity("root", ActivityKind.Server);
            Assert.False(root?.Recorded ?? false);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new RootTraceRateSampler(-1, _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RootTraceRateSampler(double.NaN, _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RootTraceRateSampler(double.PositiveInfinity, _time));
    }

    [Fact]
    public void The_services_wiring_keeps_the_rate_over_the_dashboards_always_on()
    {
        // The AppHost sets OTEL_TRACES_SAMPLER=always_on for every process; the rate must still hold.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_TRACES_SAMPLER"] = "always_on",
            ["Telemetry:NewTracesPerSecond"] = "3",
        });
        builder.ConfigureOpenTelemetry();
        using var host = builder.Build();
        _ = host.Services.GetRequiredService<TracerProvider>();
        using var source = new ActivitySource("Community.Tests.Wiring");

        var recorded = 0;
        Activity.Current = null;
        for (var i = 0; i < 20; i++)
        {
            using var root = source.StartActivity("request", ActivityKind.Server);
            recorded += root?.Recorded == true ? 1 : 0;
        }

        Assert.InRange(recorded, 3, 4); // the bucket's three, and a fourth if a third of a second passed meanwhile
    }

    private Activity? StartRoot()
    {
        Activity.Current = null;
        return _source.StartActivity("root", ActivityKind.Server);
    }

    private List<bool> StartRoots(int count) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            using var activity = StartRoot();
            return activity?.Recorded ?? false;
        })];

    public void Dispose()
    {
        _tracing.Dispose();
        _source.Dispose();
    }
}
