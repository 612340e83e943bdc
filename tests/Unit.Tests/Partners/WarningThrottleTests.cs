using Community.Services.Partners.PublicEvents;

namespace Community.Unit.Tests.Partners;

public sealed class WarningThrottleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void The_first_is_written_at_once_then_one_a_period_counting_those_in_between()
    {
        var throttle = new WarningThrottle(TimeSpan.FromMinutes(1));

        Assert.True(throttle.Occurred(Start, out var first));
        Assert.Equal(1, first);
        for (var second = 1; second < 60; second++)
        {
            Assert.False(throttle.Occurred(Start.AddSeconds(second), out _));
        }

        Assert.True(throttle.Occurred(Start.AddMinutes(1), out var next));
        Assert.Equal(60, next); // the 59 held back and this one
        Assert.False(throttle.Occurred(Start.AddMinutes(1.5), out _));
    }

    [Fact]
    public void Many_at_once_write_it_once()
    {
        var throttle = new WarningThrottle(TimeSpan.FromMinutes(1));
        var written = 0;

        Parallel.For(0, 1_000, _ =>
        {
            if (throttle.Occurred(Start, out _))
            {
                Interlocked.Increment(ref written);
            }
        });

        Assert.Equal(1, written);
    }
}
