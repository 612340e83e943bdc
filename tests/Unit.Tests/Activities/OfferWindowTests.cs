using Community.Services.Activities.Registrations;
using Microsoft.Extensions.Time.Testing;

namespace Community.Unit.Tests.Activities;

public sealed class OfferWindowTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(10 * 24 * 60, 24 * 60)] // far ahead: the full 24 hours
    [InlineData(96 * 60, 24 * 60)] // a quarter of 96 h is exactly the window
    [InlineData(40 * 60, 10 * 60)] // a quarter of the time left
    [InlineData(2 * 60, 30)]
    [InlineData(60, 15)] // a quarter is exactly the minimum
    [InlineData(40, 15)] // a quarter would be 10 minutes: the minimum instead
    [InlineData(15, 15)] // the minimum is all that is left: until the start
    [InlineData(10, 10)] // less than the minimum left: until the start, never past it
    public void An_offer_lasts_a_day_at_most_a_quarter_of_the_time_left_and_at_least_fifteen_minutes(int minutesUntilStart, int expectedMinutes)
    {
        var now = _clock.GetUtcNow();
        var startsAt = now.AddMinutes(minutesUntilStart);

        var expiresAt = OfferWindow.ExpiresAt(startsAt, now, new WaitlistOptions());

        Assert.Equal(now.AddMinutes(expectedMinutes), expiresAt);
        Assert.True(expiresAt <= startsAt);
    }

    [Fact]
    public void The_configured_window_and_minimum_are_used()
    {
        var options = new WaitlistOptions { OfferWindow = TimeSpan.FromHours(2), MinimumOfferWindow = TimeSpan.FromMinutes(30) };
        var now = _clock.GetUtcNow();

        Assert.Equal(now.AddHours(2), OfferWindow.ExpiresAt(now.AddDays(3), now, options));
        Assert.Equal(now.AddMinutes(30), OfferWindow.ExpiresAt(now.AddMinutes(80), now, options));
    }

    [Fact]
    public void The_window_counts_from_now_as_the_clock_moves()
    {
        var startsAt = _clock.GetUtcNow().AddHours(48);
        _clock.Advance(TimeSpan.FromHours(40));
        var now = _clock.GetUtcNow();

        Assert.Equal(now.AddHours(2), OfferWindow.ExpiresAt(startsAt, now, new WaitlistOptions()));
    }
}
