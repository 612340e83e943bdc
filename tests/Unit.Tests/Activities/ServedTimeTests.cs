using Community.Services.Activities.Staffing;

namespace Community.Unit.Tests.Activities;

public sealed class ServedTimeTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 1, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddMinutes(90);
    private static readonly DateTimeOffset After = End.AddMinutes(1);

    [Fact]
    public void A_volunteer_who_never_arrived_and_was_not_marked_present_is_credited_nothing()
    {
        Assert.Equal(0, ServedTime.Minutes(Start, End, After, arrivedAt: null, leftAt: null));
    }

    [Fact]
    public void One_who_arrived_before_the_start_and_stayed_is_credited_the_session_not_the_wait()
    {
        Assert.Equal(90, ServedTime.Minutes(Start, End, After, Start.AddMinutes(-40), null));
    }

    [Fact]
    public void One_who_came_late_or_left_early_is_credited_the_time_between()
    {
        Assert.Equal(60, ServedTime.Minutes(Start, End, After, Start.AddMinutes(30), null));
        Assert.Equal(45, ServedTime.Minutes(Start, End, After, Start, Start.AddMinutes(45)));
        Assert.Equal(20, ServedTime.Minutes(Start, End, After, Start.AddMinutes(10), Start.AddMinutes(30)));
    }

    [Fact]
    public void A_session_completed_early_by_staff_credits_until_it_was_completed()
    {
        Assert.Equal(50, ServedTime.Minutes(Start, End, Start.AddMinutes(50), Start, null));
    }

    [Fact]
    public void Staff_marking_a_volunteer_present_credits_the_session_or_the_minutes_they_report_within_it()
    {
        Assert.Equal(90, ServedTime.Minutes(Start, End, After, null, null, markedPresent: true));
        Assert.Equal(70, ServedTime.Minutes(Start, End, After, Start.AddMinutes(20), null, markedPresent: true));
        Assert.Equal(30, ServedTime.Minutes(Start, End, After, null, null, reportedMinutes: 30, markedPresent: true));
        Assert.Equal(90, ServedTime.Minutes(Start, End, After, null, null, reportedMinutes: 500, markedPresent: true));
    }

    [Fact]
    public void One_who_left_and_came_back_is_credited_each_stay_never_more_than_the_session()
    {
        // 30 minutes before leaving; back for the last 20.
        Assert.Equal(50, ServedTime.Minutes(Start, End, After, End.AddMinutes(-20), null, earlierMinutes: 30));
        Assert.Equal(30, ServedTime.Minutes(Start, End, After, null, null, earlierMinutes: 30));
        Assert.Equal(90, ServedTime.Minutes(Start, End, After, Start, null, earlierMinutes: 40));
    }

    [Fact]
    public void Minutes_are_rounded_to_the_nearest_whole_minute()
    {
        Assert.Equal(1, ServedTime.Minutes(Start, End, After, End.AddSeconds(-30), null));
        Assert.Equal(0, ServedTime.Minutes(Start, End, After, End.AddSeconds(-29), null));
        Assert.Equal(0, ServedTime.Minutes(Start, End, After, End.AddMinutes(5), null));
    }
}
