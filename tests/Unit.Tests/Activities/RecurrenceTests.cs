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
}
