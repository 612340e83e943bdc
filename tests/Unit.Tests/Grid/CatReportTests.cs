using Community.ServiceDefaults;
using Community.Services.Grid.Cats;

namespace Community.Unit.Tests.Grid;

public sealed class CatReportTests
{
    private static readonly DateOnly March = new(2026, 3, 1);
    private static readonly DateOnly April = new(2026, 4, 1);
    private static readonly DateOnly May = new(2026, 5, 1);

    /// <summary>Mid-May 2026, noon in Shanghai: March and April are over, May is the current month.</summary>
    private static readonly DateTimeOffset Now = Local(2026, 5, 15, 12);

    private static DateTimeOffset Local(int year, int month, int day, int hour = 0, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private static StayFact Stay(DateTimeOffset from, DateTimeOffset? until = null, string? ended = null, DateOnly? neuteredOn = null, Guid? cat = null) =>
        new(cat ?? Guid.NewGuid(), from, until, ended, neuteredOn);

    [Fact]
    public void Complaints_count_in_the_Shanghai_month_they_were_reported_and_fewer_in_the_last_month_than_the_first_is_falling()
    {
        // 2026-03-31 16:30 UTC is already 1 April in Shanghai; 2026-03-31 15:59 UTC is still 31 March.
        var complaints = new[]
        {
            Local(2026, 3, 2, 9), new DateTimeOffset(2026, 3, 31, 15, 59, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 31, 16, 30, 0, TimeSpan.Zero),
            Local(2026, 5, 3, 20), Local(2026, 2, 28, 23), Local(2026, 6, 1, 0),
        };

        var report = CatReport.Calculate(null, March, May, Now, complaints, []);

        Assert.Equal(["2026-03", "2026-04", "2026-05"], report.Months.Select(m => m.Month));
        Assert.Equal([2, 1, 1], report.Months.Select(m => m.Complaints));
        Assert.Equal(new NuisanceTrendDto(CatReport.Falling, 2, 1), report.Trend);
        Assert.Equal(("2026-03", "2026-05", Now), (report.From, report.To, report.AsOf));
    }

    [Fact]
    public void The_trend_is_rising_with_more_complaints_at_the_end_and_flat_when_equal_or_a_single_month()
    {
        Assert.Equal(CatReport.Rising, CatReport.Calculate(null, March, April, Now, [Local(2026, 4, 2)], []).Trend.Direction);
        Assert.Equal(CatReport.Flat, CatReport.Calculate(null, March, April, Now, [Local(2026, 3, 2), Local(2026, 4, 2)], []).Trend.Direction);
        Assert.Equal(new NuisanceTrendDto(CatReport.Flat, 1, 1), CatReport.Calculate(null, April, April, Now, [Local(2026, 4, 2)], []).Trend);
    }

    [Fact]
    public void The_neutered_share_is_of_the_cats_in_the_colony_at_the_months_end_and_adoptions_count_in_the_month_the_cat_left()
    {
        var neuteredEarly = Stay(Local(2026, 2, 10), neuteredOn: new DateOnly(2026, 3, 5));
        var neuteredInApril = Stay(Local(2026, 2, 10), neuteredOn: new DateOnly(2026, 4, 1));
        // Adopted on 31 March: gone by the end of March, counted as March's adoption.
        var adopted = Stay(Local(2026, 2, 10), until: Neighbourhood.StartOf(new DateOnly(2026, 3, 31)), ended: CatStatuses.Adopted);
        var arrivedInApril = Stay(Local(2026, 4, 20));

        var report = CatReport.Calculate(Guid.NewGuid(), March, April, Now, [], [neuteredEarly, neuteredInApril, adopted, arrivedInApril]);

        Assert.Equal(new CatMonthDto("2026-03", 0, 2, 1, 0.5, 1), report.Months[0]);
        Assert.Equal(new CatMonthDto("2026-04", 0, 3, 2, 0.6667, 0), report.Months[1]);
    }

    [Fact]
    public void A_cat_moved_between_colonies_counts_once_in_the_neighbourhood_and_a_month_without_cats_has_no_share()
    {
        var cat = Guid.NewGuid();
        var movedAt = Local(2026, 4, 10, 15);
        var before = Stay(Local(2026, 3, 10), until: movedAt, ended: StayEnds.MovedToColony, cat: cat);
        var after = Stay(movedAt, cat: cat);

        var report = CatReport.Calculate(null, new DateOnly(2026, 2, 1), April, Now, [], [before, after]);

        Assert.Equal((0, (double?)null), (report.Months[0].Cats, report.Months[0].NeuteredShare));
        Assert.Equal([0, 1, 1], report.Months.Select(m => m.Cats));
        Assert.All(report.Months, m => Assert.Equal(0, m.Adopted));
    }

    [Fact]
    public void The_current_month_is_as_of_now_a_cat_neutered_today_counts_and_one_adopted_today_is_gone()
    {
        var today = Neighbourhood.Today(Now);
        var neuteredToday = Stay(Local(2026, 4, 1), neuteredOn: today);
        var adoptedToday = Stay(Local(2026, 4, 1), until: Neighbourhood.StartOf(today), ended: CatStatuses.Adopted, neuteredOn: new DateOnly(2026, 4, 2));
        var recordedLater = Stay(Now.AddHours(1));

        var may = CatReport.Calculate(null, May, May, Now, [], [neuteredToday, adoptedToday, recordedLater]).Months.Single();

        Assert.Equal(new CatMonthDto("2026-05", 0, 1, 1, 1.0, 1), may);
    }

    [Fact]
    public void The_period_is_the_six_months_up_to_this_one_by_default_never_later_than_this_month_nor_longer_than_three_years()
    {
        var today = new DateOnly(2026, 5, 15);

        Assert.False(CatReport.CheckPeriod(null, null, today, out var first, out var last).Any);
        Assert.Equal((new DateOnly(2025, 12, 1), May), (first, last));
        Assert.False(CatReport.CheckPeriod("2026-01", "2026-03", today, out first, out last).Any);
        Assert.Equal((new DateOnly(2026, 1, 1), March), (first, last));

        Assert.Equal(["to"], CatReport.CheckPeriod(null, "2026-06", today, out _, out _).ToDictionary().Keys);
        Assert.Equal(["from"], CatReport.CheckPeriod("2026-04", "2026-03", today, out _, out _).ToDictionary().Keys);
        Assert.Equal(["from"], CatReport.CheckPeriod("2023-04", "2026-05", today, out _, out _).ToDictionary().Keys);
        Assert.False(CatReport.CheckPeriod("2023-06", "2026-05", today, out _, out _).Any);
        Assert.Equal(["from", "to"], CatReport.CheckPeriod("2026-13", "May", today, out _, out _).ToDictionary().Keys.Order());
        Assert.Equal(["from"], CatReport.CheckPeriod("1999-12", null, today, out _, out _).ToDictionary().Keys);
    }
}
