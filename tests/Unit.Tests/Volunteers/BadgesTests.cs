using Community.Services.Volunteers.Recognition;

namespace Community.Unit.Tests.Volunteers;

public sealed class BadgesTests
{
    private static readonly int[] Thresholds = new RecognitionOptions().BadgeHours;
    private static readonly Guid Volunteer = Guid.NewGuid();

    private static ConfirmedTime At(string utc, int minutes) => new(DateTimeOffset.Parse(utc), minutes);

    [Fact]
    public void The_default_thresholds_are_ten_fifty_one_hundred_three_hundred_and_a_thousand_hours() =>
        Assert.Equal([10, 50, 100, 300, 1000], Thresholds);

    [Fact]
    public void A_minute_short_of_ten_hours_earns_nothing_yet()
    {
        var recognition = Badges.Recognise(Volunteer, [At("2026-03-01T01:00:00Z", 599)], Thresholds);

        Assert.Empty(recognition.Badges);
        Assert.Equal(9.98, recognition.ConfirmedHours);
        Assert.Equal(10, recognition.NextBadgeHours);
        Assert.Equal(0.02, recognition.HoursToNextBadge);
    }

    [Fact]
    public void A_badge_is_earned_on_the_local_day_the_running_total_crossed_it()
    {
        // 17:00 UTC on 1 March is already 2 March in Shanghai.
        var recognition = Badges.Recognise(Volunteer,
            [At("2026-02-20T01:00:00Z", 300), At("2026-03-01T17:00:00Z", 300), At("2026-03-05T01:00:00Z", 60)], Thresholds);

        var badge = Assert.Single(recognition.Badges);
        Assert.Equal(new BadgeDto(10, "10 小时志愿服务", new DateOnly(2026, 3, 2)), badge);
        Assert.Equal(50, recognition.NextBadgeHours);
        Assert.Equal(39.0, recognition.HoursToNextBadge);
    }

    [Fact]
    public void One_long_credit_can_cross_several_thresholds_at_once()
    {
        var recognition = Badges.Recognise(Volunteer, [At("2026-01-10T02:00:00Z", 100 * 60)], Thresholds);

        Assert.Equal([10, 50, 100], recognition.Badges.Select(b => b.Hours));
        Assert.All(recognition.Badges, b => Assert.Equal(new DateOnly(2026, 1, 10), b.EarnedOn));
        Assert.Equal(300, recognition.NextBadgeHours);
    }

    [Fact]
    public void Past_the_last_threshold_there_is_no_next_badge()
    {
        var recognition = Badges.Recognise(Volunteer, [At("2026-01-10T02:00:00Z", 1000 * 60)], Thresholds);

        Assert.Equal(5, recognition.Badges.Count);
        Assert.Null(recognition.NextBadgeHours);
        Assert.Null(recognition.HoursToNextBadge);
    }

    [Fact]
    public void Configured_thresholds_are_sorted_and_zero_or_repeated_ones_ignored()
    {
        var recognition = Badges.Recognise(Volunteer, [At("2026-01-10T02:00:00Z", 60)], [5, 0, 1, 5, -3]);

        Assert.Equal([1], recognition.Badges.Select(b => b.Hours));
        Assert.Equal(5, recognition.NextBadgeHours);
    }
}
