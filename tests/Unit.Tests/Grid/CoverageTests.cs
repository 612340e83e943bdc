using Community.Services.Grid.Visits;
using static Community.Unit.Tests.Grid.Examples;

namespace Community.Unit.Tests.Grid;

public sealed class CoverageTests
{
    private static Coverage.HouseholdCoverage Household(Guid? grid, bool covered, int daysOverdue = 0, bool vulnerable = false, DateTimeOffset? lastVisited = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "101", grid, vulnerable, lastVisited, vulnerable ? 30 : 90, covered, daysOverdue);

    [Fact]
    public void With_nobody_to_visit_everything_is_covered()
    {
        var view = Coverage.Summarize(GridId, Noon, [], []);
        Assert.Equal((0, 0, 1.0, 0), (view.Households, view.Covered, view.CoveredShare, view.OverdueTotal));
    }

    [Fact]
    public void The_most_overdue_come_first_vulnerable_before_others_on_the_same_day_then_the_longest_unvisited()
    {
        var plain = Household(GridId, false, daysOverdue: 10, lastVisited: Noon.AddDays(-100));
        var vulnerable = Household(GridId, false, daysOverdue: 10, vulnerable: true, lastVisited: Noon.AddDays(-40));
        var worst = Household(GridId, false, daysOverdue: 11, lastVisited: Noon.AddDays(-101));
        var neverVisited = Household(GridId, false, daysOverdue: 10);
        var covered = Household(GridId, true, lastVisited: Noon.AddDays(-3));

        var view = Coverage.Summarize(GridId, Noon, [plain, vulnerable, covered, worst, neverVisited], []);

        Assert.Equal([worst.HouseholdId, vulnerable.HouseholdId, neverVisited.HouseholdId, plain.HouseholdId], view.Overdue.Select(o => o.HouseholdId));
        Assert.Equal((5, 1, 0.2, 1, 0), (view.Households, view.Covered, view.CoveredShare, view.VulnerableHouseholds, view.VulnerableCovered));
    }

    [Fact]
    public void At_most_two_hundred_overdue_households_are_listed_but_all_are_counted()
    {
        var view = Coverage.Summarize(null, Noon, Enumerable.Range(0, 250).Select(i => Household(GridId, false, daysOverdue: i)).ToList(), []);
        Assert.Equal((250, Coverage.MaxOverdueListed, 249), (view.OverdueTotal, view.Overdue.Count, view.Overdue[0].DaysOverdue));
    }

    [Fact]
    public void Each_grid_has_its_own_share_to_four_places_and_households_in_no_grid_come_last()
    {
        var other = Guid.Parse("0195a000-0000-7000-8000-0000000000a0");
        var view = Coverage.Summarize(null, Noon,
            [Household(null, true), Household(GridId, true), Household(GridId, false), Household(GridId, false), Household(other, false)], []);

        Assert.Equal(
            [new GridCoverage(other, 1, 0, 0), new GridCoverage(GridId, 3, 1, 0.3333), new GridCoverage(null, 1, 1, 1)],
            view.Grids);
    }

    [Fact]
    public void This_month_begins_at_midnight_in_Shanghai_on_the_first()
    {
        // 00:30 on 1 April in Shanghai is still 31 March in UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 16, 0, 0, TimeSpan.Zero), Coverage.MonthStart(new DateTimeOffset(2026, 3, 31, 16, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 16, 0, 0, TimeSpan.Zero), Coverage.MonthStart(new DateTimeOffset(2026, 3, 31, 15, 59, 0, TimeSpan.Zero)));
    }
}
