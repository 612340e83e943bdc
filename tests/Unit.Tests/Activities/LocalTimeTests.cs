using Community.Services.Activities.Series;

namespace Community.Unit.Tests.Activities;

public sealed class LocalTimeTests
{
    [Theory]
    [InlineData("2026-12-01T09:30", 9, 30, 0)]
    [InlineData("2026-12-01T09:30:15", 9, 30, 15)]
    [InlineData("2026-12-01T00:00", 0, 0, 0)]
    public void A_Shanghai_wall_clock_time_is_read_without_a_zone(string value, int hour, int minute, int second)
    {
        Assert.True(LocalTime.TryParse(value, out var local));
        Assert.Equal(new DateTime(2026, 12, 1, hour, minute, second), local);
        Assert.Equal(DateTimeKind.Unspecified, local.Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-12-01")]
    [InlineData("2026-12-01 09:30")]
    [InlineData("2026-12-01T9:30")]
    [InlineData("2026-12-01T09:30Z")]
    [InlineData("2026-12-01T09:30+08:00")]
    [InlineData("2026-02-30T09:30")]
    [InlineData("2026-12-01T24:00")]
    [InlineData("01/12/2026 09:30")]
    public void Anything_but_a_local_date_and_time_is_refused(string? value)
    {
        Assert.False(LocalTime.TryParse(value, out _));
    }

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai

    [Theory]
    [InlineData("2026-12-01T10:01")]
    [InlineData("2027-06-01T09:30")]
    [InlineData("2028-12-01T10:00")]
    public void A_start_in_the_next_two_years_can_be_planned(string value)
    {
        Assert.True(LocalTime.TryParse(value, out var local));
        Assert.Null(LocalTime.WhyNotPlannable(local, Now));
    }

    [Theory]
    [InlineData("2026-12-01T10:00", "must be in the future.")]
    [InlineData("0001-01-01T00:00", "must be in the future.")]
    [InlineData("2028-12-01T10:01", "must be at most 2 years from now.")]
    [InlineData("9999-12-31T23:00", "must be at most 2 years from now.")]
    public void A_start_now_or_past_or_beyond_two_years_is_refused_without_overflowing(string value, string why)
    {
        Assert.True(LocalTime.TryParse(value, out var local));
        Assert.Equal(why, LocalTime.WhyNotPlannable(local, Now));
    }
}
