using Community.Services.Activities.Series;

namespace Community.Unit.Tests.Activities;

public sealed class RecurrenceTests
{
    [Fact]
    public void A_weekly_class_at_half_past_nine_stays_half_past_nine_in_Shanghai()
    {
        var starts = Recurrence.Occurrences(new DateTime(2026, 3, 3, 9, 30, 0), "FREQ=WEEKLY;BYDAY=TU;COUNT=3");

        Assert.Equal(
            [
                new DateTimeOffset(2026, 3, 3, 1, 30, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 10, 1, 30, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 17, 1, 30, 0, TimeSpan.Zero),
            ],
            starts);
    }

    [Theory]
    [InlineData("FREQ=WEEKLY;BYDAY=TU", "must end: give COUNT or UNTIL.")]
    [InlineData("FREQ=SOMETIMES;COUNT=2", null)]
    // Numbers past a 32-bit integer (found by a probe: an OverflowException, answered 500).
    [InlineData("FREQ=WEEKLY;COUNT=99999999999", null)]
    [InlineData("FREQ=DAILY;INTERVAL=99999999999;COUNT=2", null)]
    [InlineData("FREQ=DAILY;BYMONTHDAY=99999999999;COUNT=2", null)]
    public void A_rule_that_never_ends_or_is_not_RFC_5545_is_refused(string rule, string? expected)
    {
        Assert.False(Recurrence.TryParse(rule, out var error));
        Assert.NotNull(error);
        if (expected is not null)
        {
            Assert.Equal(expected, error);
        }
    }

    [Fact]
    public void A_rule_with_a_count_is_accepted()
    {
        Assert.True(Recurrence.TryParse("FREQ=DAILY;COUNT=5", out var error));
        Assert.Null(error);
    }

    [Fact]
    public void A_rule_with_an_until_is_accepted_and_ends_on_that_instant_inclusive()
    {
        Assert.True(Recurrence.TryParse("FREQ=DAILY;UNTIL=20260305T013000Z", out var error));
        Assert.Null(error);

        var starts = Recurrence.Occurrences(new DateTime(2026, 3, 3, 9, 30, 0), "FREQ=DAILY;UNTIL=20260305T013000Z");

        Assert.Equal(
            [
                new DateTimeOffset(2026, 3, 3, 1, 30, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 4, 1, 30, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 5, 1, 30, 0, TimeSpan.Zero),
            ],
            starts);
    }

    [Fact]
    public void An_early_morning_class_on_Tuesdays_in_Shanghai_is_on_Mondays_in_UTC()
    {
        var starts = Recurrence.Occurrences(new DateTime(2026, 3, 3, 7, 0, 0), "FREQ=WEEKLY;BYDAY=TU;COUNT=2");

        Assert.Equal(
            [
                new DateTimeOffset(2026, 3, 2, 23, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 9, 23, 0, 0, TimeSpan.Zero),
            ],
            starts);
        Assert.All(starts, start => Assert.Equal(DayOfWeek.Tuesday, Recurrence.ToLocal(start).DayOfWeek));
    }

    [Fact]
    public void A_series_may_plan_exactly_the_maximum_number_of_sessions()
    {
        var starts = Recurrence.Occurrences(new DateTime(2026, 3, 3, 9, 30, 0), $"FREQ=DAILY;COUNT={Recurrence.MaxOccurrences}");

        Assert.Equal(120, Recurrence.MaxOccurrences);
        Assert.Equal(Recurrence.MaxOccurrences, starts.Count);
    }

    [Theory]
    [InlineData("FREQ=DAILY;COUNT=500")]
    [InlineData("FREQ=DAILY;UNTIL=20301231T000000Z")]
    public void A_longer_series_yields_one_occurrence_past_the_cap_so_it_can_be_refused_without_expanding_it_all(string rule)
    {
        var starts = Recurrence.Occurrences(new DateTime(2026, 3, 3, 9, 30, 0), rule);

        Assert.Equal(Recurrence.MaxOccurrences + 1, starts.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_a_rule_there_is_one_session_at_the_first_start(string? rule)
    {
        var starts = Recurrence.Occurrences(new DateTime(2026, 12, 1, 9, 30, 0), rule);

        Assert.Equal([new DateTimeOffset(2026, 12, 1, 1, 30, 0, TimeSpan.Zero)], starts);
    }

    [Fact]
    public void Shanghai_wall_clock_time_is_eight_hours_ahead_of_UTC_all_year()
    {
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 1, 30, 0, TimeSpan.Zero), Recurrence.ToUtc(new DateTime(2026, 7, 1, 9, 30, 0)));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 16, 0, 0, TimeSpan.Zero), Recurrence.ToUtc(new DateTime(2026, 1, 2, 0, 0, 0)));
        Assert.Equal(new DateTime(2026, 1, 2, 0, 0, 0), Recurrence.ToLocal(new DateTimeOffset(2026, 1, 1, 16, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("FREQ=YEARLY;INTERVAL=100000;COUNT=2")]
    [InlineData("FREQ=DAILY;INTERVAL=99999999;COUNT=2")]
    public void A_rule_running_past_the_calendars_end_gives_no_sessions_instead_of_throwing(string rule)
    {
        Assert.True(Recurrence.TryParse(rule, out _));
        Assert.False(Recurrence.TryOccurrences(new DateTime(2027, 1, 1, 9, 0, 0), rule, out var starts));
        Assert.Empty(starts);
        Assert.True(Recurrence.TryOccurrences(new DateTime(2027, 1, 1, 9, 0, 0), "FREQ=WEEKLY;COUNT=2", out var weekly));
        Assert.Equal(2, weekly.Count);
    }
}
