using Community.Services.Volunteers.Hours;
using Microsoft.Extensions.Time.Testing;

namespace Community.Unit.Tests.Volunteers;

public sealed class SelfLogTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 14, 2, 0, 0, TimeSpan.Zero));

    private IDictionary<string, string[]> Check(DateTimeOffset? servedAt, int? minutes = 120, string? activity = "陪老人去医院") =>
        SelfLog.Check(new LogHoursRequest(servedAt, minutes, activity), _clock.GetUtcNow()).ToDictionary();

    [Fact]
    public void Time_served_yesterday_may_be_logged()
    {
        Assert.Empty(Check(_clock.GetUtcNow().AddDays(-1)));
    }

    [Fact]
    public void Time_is_logged_up_to_ninety_days_back_and_not_in_the_future()
    {
        var now = _clock.GetUtcNow();

        Assert.Empty(Check(now.AddDays(-SelfLog.MaxDaysBack)));
        Assert.Equal(["servedAt"], Check(now.AddDays(-SelfLog.MaxDaysBack).AddMinutes(-1)).Keys);
        Assert.Equal(["servedAt"], Check(now.AddMinutes(1)).Keys);
        Assert.Equal(["servedAt"], Check(null).Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(1441)]
    public void Minutes_are_between_one_and_a_whole_day(int? minutes) =>
        Assert.Equal(["minutes"], Check(_clock.GetUtcNow().AddHours(-3), minutes).Keys);

    [Fact]
    public void What_was_done_is_said_in_at_most_two_hundred_characters()
    {
        var at = _clock.GetUtcNow().AddHours(-3);

        Assert.Equal(["activity"], Check(at, activity: " ").Keys);
        Assert.Equal(["activity"], Check(at, activity: new string('事', 201)).Keys);
    }
}
