using System.Globalization;
using System.Text;

namespace Community.Services.Grid.Reports;

public static class ReportCsv
{
    /// <summary>One figure per line (measure, category, status, value), so a spreadsheet can pivot it.</summary>
    public static string Write(ReportDto report)
    {
        var csv = new StringBuilder("measure,category,status,value\n");
        void Line(string measure, object? value, string category = "", string status = "") =>
            csv.Append(CultureInfo.InvariantCulture, $"{measure},{category},{status},{Convert.ToString(value, CultureInfo.InvariantCulture)}\n");
        Line("period_from", report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Line("period_to", report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Line("grid", report.GridId?.ToString() ?? "neighbourhood");
        Line("requests", report.Requests.Total);
        foreach (var row in report.Requests.ByCategoryAndStatus)
        {
            Line("requests", row.Count, row.Category, row.Status);
        }

        Line("median_hours_to_resolve", report.Requests.MedianHoursToResolve);
        Line("resolved_within_sla_share", report.Requests.ResolvedWithinSlaShare);
        Line("closed_unresolved_share", report.Requests.ClosedUnresolvedShare);
        Line("follow_ups", report.Requests.FollowUps);
        Line("satisfaction_rate", report.Requests.SatisfactionRate);
        Line("requests_escalated", report.Requests.Escalated);
        Line("escalations", report.Requests.Escalations);
        Line("visits", report.Visits.VisitsInPeriod);
        Line("households", report.Visits.Households);
        Line("households_covered", report.Visits.Covered);
        Line("coverage_share", report.Visits.CoveredShare);
        Line("households_overdue", report.Visits.Overdue);
        return csv.ToString();
    }
}
