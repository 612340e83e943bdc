using System.Globalization;
using Community.Services.Grid.Reports;
using static Community.Unit.Tests.Grid.Examples;

namespace Community.Unit.Tests.Grid;

public sealed class ReportTests
{
    private static readonly DateOnly March = new(2026, 3, 1);

    [Fact]
    public void A_period_without_requests_has_zero_shares_no_satisfaction_rate_and_full_coverage_without_households()
    {
        var report = ReportFigures.Assemble(null, March, March.AddDays(30), new ReportFigures.Figures(0, null, 0, 0, 0, 0, 0, 0, 0), [], 0, 0);

        Assert.Equal((0.0, 0.0, (double?)null, (double?)null), (report.Requests.ResolvedWithinSlaShare, report.Requests.ClosedUnresolvedShare,
            report.Requests.SatisfactionRate, report.Requests.MedianHoursToResolve));
        Assert.Equal((1.0, 0), (report.Visits.CoveredShare, report.Visits.Overdue));
    }

    [Fact]
    public void Shares_are_of_the_requests_reported_and_satisfaction_of_the_follow_ups_to_four_places()
    {
        var figures = new ReportFigures.Figures(Total: 3, MedianHours: 30.456, WithinSla: 2, ClosedUnresolved: 1, Escalated: 1, Escalations: 2,
            FollowUps: 3, Satisfied: 1, Visits: 7);
        var report = ReportFigures.Assemble(GridId, March, March.AddDays(30), figures, [], households: 8, covered: 6);

        Assert.Equal((0.6667, 0.3333, 0.3333, 30.46), (report.Requests.ResolvedWithinSlaShare, report.Requests.ClosedUnresolvedShare,
            report.Requests.SatisfactionRate!.Value, report.Requests.MedianHoursToResolve!.Value));
        Assert.Equal(new VisitFigures(7, 8, 6, 0.75, 2), report.Visits);
    }

    [Fact]
    public void The_csv_has_one_figure_per_line_with_a_decimal_point_whatever_the_servers_culture()
    {
        var figures = new ReportFigures.Figures(2, 1.5, 1, 0, 0, 0, 1, 1, 3);
        var report = ReportFigures.Assemble(null, March, March.AddDays(30), figures, [new CategoryStatusCount("repair", "closed", 2)], 4, 3);
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var lines = ReportCsv.Write(report).Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal("measure,category,status,value", lines[0]);
            Assert.Contains("period_from,,,2026-03-01", lines);
            Assert.Contains("grid,,,neighbourhood", lines);
            Assert.Contains("requests,repair,closed,2", lines);
            Assert.Contains("coverage_share,,,0.75", lines);
            Assert.Contains("satisfaction_rate,,,1", lines);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
