using Community.Services.Volunteers.Opportunities;

namespace Community.Unit.Tests.Volunteers;

public sealed class SessionScheduleTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Made = new(2027, 2, 1, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_move_older_than_one_applied_changes_nothing_and_a_later_one_does()
    {
        var schedule = new SessionSchedule();
        Assert.True(schedule.Move(Start.AddDays(2), Start.AddDays(2).AddHours(1), Made.AddMinutes(2)));

        Assert.False(schedule.Move(Start.AddDays(1), Start.AddDays(1).AddHours(1), Made.AddMinutes(1)));
        Assert.False(schedule.Move(Start.AddDays(1), Start.AddDays(1).AddHours(1), Made.AddMinutes(2)));
        Assert.Equal(Start.AddDays(2), schedule.StartsAt);

        Assert.True(schedule.Move(Start.AddDays(3), Start.AddDays(3).AddHours(1), Made.AddMinutes(3)));
        Assert.Equal(Start.AddDays(3), schedule.StartsAt);
    }

    [Fact]
    public void A_cancellation_is_final_whenever_it_arrives()
    {
        var schedule = new SessionSchedule();
        schedule.Cancel(Made);
        schedule.Cancel(Made.AddDays(1));

        Assert.Equal(Made, schedule.CancelledAt);
        Assert.False(schedule.Move(Start.AddDays(1), Start.AddDays(1).AddHours(1), Made.AddDays(2)));
    }

    [Fact]
    public void A_request_takes_a_move_heard_before_it_only_when_the_move_was_made_after_the_request()
    {
        var schedule = new SessionSchedule();
        Assert.Equal((Start, Start.AddHours(1)), schedule.TimeFor(Start, Start.AddHours(1), Made));

        schedule.Move(Start.AddDays(1), Start.AddDays(1).AddHours(2), Made.AddMinutes(5));

        Assert.Equal((Start.AddDays(1), Start.AddDays(1).AddHours(2)), schedule.TimeFor(Start, Start.AddHours(1), Made));
        // Made after the move, the request already carries the session's time.
        Assert.Equal((Start.AddDays(1), Start.AddDays(1).AddHours(2)), schedule.TimeFor(Start.AddDays(1), Start.AddDays(1).AddHours(2), Made.AddMinutes(6)));
        Assert.Equal((Start.AddDays(4), Start.AddDays(4).AddHours(1)), schedule.TimeFor(Start.AddDays(4), Start.AddDays(4).AddHours(1), Made.AddMinutes(6)));
        // A request from before the field existed takes any move heard.
        Assert.Equal((Start.AddDays(1), Start.AddDays(1).AddHours(2)), schedule.TimeFor(Start, Start.AddHours(1), null));
    }
}
